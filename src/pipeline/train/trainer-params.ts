import { DataError } from '../../ml/errors';
import { GBDT_DEFAULTS } from '../../ml/gbdt/params';
import type { Task } from '../../ml/matrix';
import type { ModelSpec } from '../../domain/spec/model-spec';

/** The spec's trainer parameters, checked: names the chosen algorithm knows, numbers where numbers go. */
export type TrainerParams = Record<string, number | boolean>;

const KNOWN: Record<ModelSpec['algorithm'], readonly string[]> = {
  gbdt: [...Object.keys(GBDT_DEFAULTS).filter((k) => k !== 'earlyStopping'), 'earlyStopping'],
  linear: ['alpha'],
  logistic: ['C', 'maxIterations'],
};

/**
 * Checks spec.params against the algorithm (a typo must not silently fall back to a default) and
 * the algorithm against the task; fills `seed` from spec.seed for gbdt. DataError 'bad_spec' names
 * the field.
 */
export function trainerParams(spec: ModelSpec, task: Task): TrainerParams {
  if (spec.algorithm === 'linear' && task !== 'regression') {
    throw new DataError(
      'bad_spec',
      `Invalid model spec: algorithm "linear" fits regression, but the task is ${task}`,
    );
  }
  if (spec.algorithm === 'logistic' && task === 'regression') {
    throw new DataError(
      'bad_spec',
      'Invalid model spec: algorithm "logistic" fits classification, but the task is regression',
    );
  }
  const known = KNOWN[spec.algorithm];
  const out: TrainerParams = {};
  for (const [name, value] of Object.entries(spec.params)) {
    if (!known.includes(name)) {
      throw new DataError(
        'bad_spec',
        `Invalid model spec: params.${name} is not a parameter of ${spec.algorithm} (known: ${known.join(', ')})`,
        { field: `params.${name}` },
      );
    }
    const isFlag = name === 'earlyStopping';
    if (isFlag ? typeof value !== 'boolean' : typeof value !== 'number') {
      throw new DataError(
        'bad_spec',
        `Invalid model spec: params.${name} must be ${isFlag ? 'true or false' : 'a number'}`,
        { field: `params.${name}` },
      );
    }
    out[name] = value as number | boolean;
  }
  if (spec.algorithm === 'gbdt' && out.seed === undefined) out.seed = spec.seed;
  return out;
}
