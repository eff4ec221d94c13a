import { z } from 'zod';

/** Metrics where a larger value is better; every other metric is an error (smaller is better). */
export const GREATER_IS_BETTER: ReadonlySet<string> = new Set([
  'r2',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'roc_auc',
]);

export const METRIC_NAMES = [
  'mae',
  'rmse',
  'r2',
  'mape',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'roc_auc',
  'log_loss',
] as const;

/**
 * A validation gate on one holdout metric, as MLflow's model validation: an absolute threshold
 * (at least it when greater is better, at most it otherwise) and/or a minimum change against
 * the production model scored on the same holdout rows.
 */
export const gateSchema = z
  .object({
    metric: z.enum(METRIC_NAMES).describe('holdout metric the gate reads'),
    threshold: z.number().finite().optional().describe('absolute bound: >= when greater is better, else <='),
    minAbsoluteChange: z
      .number()
      .finite()
      .min(0)
      .optional()
      .describe('the candidate must beat the champion by at least this much'),
    minRelativeChange: z
      .number()
      .finite()
      .min(0)
      .optional()
      .describe('the candidate must beat the champion by at least this fraction of its score'),
  })
  .strict()
  .refine(
    (g) =>
      g.threshold !== undefined || g.minAbsoluteChange !== undefined || g.minRelativeChange !== undefined,
    {
      message: 'a gate needs threshold, minAbsoluteChange or minRelativeChange',
    },
  );

export type Gate = z.infer<typeof gateSchema>;

/** Default gates: better than a constant predictor, and never worse than the champion. */
export function defaultGates(task: 'regression' | 'binary' | 'multiclass'): Gate[] {
  if (task === 'regression')
    return [
      { metric: 'r2', threshold: 0 },
      { metric: 'rmse', minAbsoluteChange: 0 },
    ];
  if (task === 'binary')
    return [
      { metric: 'roc_auc', threshold: 0.5 },
      { metric: 'log_loss', minAbsoluteChange: 0 },
    ];
  return [
    { metric: 'accuracy', threshold: 0 },
    { metric: 'log_loss', minAbsoluteChange: 0 },
  ];
}
