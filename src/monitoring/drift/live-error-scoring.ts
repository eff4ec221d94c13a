import type { ModelVersion } from '../../domain/model-version';

/** How a version's live error is scored: its task, and for classifiers the compared metric. */
export type LiveErrorScoring =
  | { readonly task: 'regression' }
  | {
      readonly task: 'binary' | 'multiclass';
      /** The version's classes in training order; binary index 1 is the positive class. */
      readonly classes: readonly string[];
      readonly metric: 'accuracy' | 'f1';
    };

/**
 * Regression is scored by RMSE; a classifier by F1 when one of its validation gates read f1
 * (that is what it was judged on), else by accuracy. Classes come from the version's feature
 * pipeline; without them (uploaded models) a binary positive class is "1", as the sidecar's 0..K-1.
 */
export function liveErrorScoring(version: ModelVersion): LiveErrorScoring {
  if (version.task !== 'binary' && version.task !== 'multiclass') return { task: 'regression' };
  const validatedOnF1 = version.gates.some((g) => g.gate?.check === undefined && g.gate?.metric === 'f1');
  return { task: version.task, classes: classesOf(version), metric: validatedOnF1 ? 'f1' : 'accuracy' };
}

function classesOf(version: ModelVersion): readonly string[] {
  const schema = version.featureSchema as { target?: { classes?: unknown } } | null;
  const classes = schema?.target?.classes;
  if (Array.isArray(classes) && classes.every((c) => typeof c === 'string')) return classes as string[];
  return version.task === 'binary' ? ['0', '1'] : [];
}
