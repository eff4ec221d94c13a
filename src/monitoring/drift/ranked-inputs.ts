import type { ModelVersion } from '../../domain/model-version';

/**
 * The version's inputs that matter, most important first (shares above 0). checkDrift keeps the
 * first 3 it measures, so an unprofiled input such as the time column (always new values) gives
 * its place to the next. None on versions without recorded importance (uploaded, or trained
 * before it was recorded): the drifted-share rule alone decides.
 */
export function rankedInputs(version: Pick<ModelVersion, 'featureImportance'>): string[] {
  return (version.featureImportance ?? []).filter((f) => f.importance > 0).map((f) => f.feature);
}
