import { z } from 'zod';

/** One evaluation of a challenger against production on the same feedback-labelled rows. */
export const liveComparisonSchema = z
  .object({
    checkedAt: z.string(),
    productionVersion: z.number().int(),
    rows: z.number().int().describe('feedback-labelled rows both versions scored'),
    unpaired: z.number().int().describe('feedback-labelled rows only one of them scored'),
    minRows: z.number().int(),
    errorMetric: z.enum(['absolute_error', 'squared_error', 'error_rate']),
    productionError: z.number(),
    challengerError: z.number(),
    test: z.enum(['paired_t', 'mcnemar']),
    statistic: z.number(),
    pValue: z.number().nullable().describe('null while rows < minRows'),
    alpha: z.number(),
    decision: z.enum(['promote', 'retire', 'continue']),
    reason: z.string(),
  })
  .catchall(z.unknown());

/** A version record as the reads answer it (documented fields; the rest passes through). */
export const versionRecordSchema = z
  .object({
    featureImportance: z
      .array(z.object({ feature: z.string(), importance: z.number() }))
      .optional()
      .describe(
        'every input column, most important first, shares summing to 1; absent on uploaded and older versions',
      ),
    metrics: z
      .record(z.string(), z.number())
      .optional()
      .describe("the validated model's holdout metrics (trained on the train rows only, also with a refit)"),
    refit: z
      .object({ rows: z.number().int(), iterations: z.number().int() })
      .optional()
      .describe('validation.refit: the served model, trained on all rows once the gates passed'),
    trainedThrough: z
      .object({ column: z.string(), last: z.number(), label: z.string() })
      .optional()
      .describe(
        'with a time column: the latest time the served model trained on (value and as the file wrote it)',
      ),
    comparison: z
      .object({
        championVersion: z.number().int(),
        basis: z.enum(['time', 'rows', 'all']),
        rows: z.number().int(),
        holdoutRows: z.number().int(),
        compared: z.boolean(),
        reason: z.string(),
      })
      .optional()
      .describe(
        'the comparison with production: on the holdout rows it never trained on (later than its training data, or not among its training rows); compared false below validation.minRows',
      ),
    specSha256: z.string().optional().describe('sha256 of the spec it was trained with'),
    trial: z
      .object({
        mode: z.enum(['shadow', 'canary']),
        share: z.number().optional(),
        since: z.string(),
        against: z.number().int().nullable(),
        origin: z.enum(['deployment', 'retrain', 'manual']),
        comparisons: z
          .array(liveComparisonSchema)
          .describe('each drift check that evaluated it, oldest first (the newest 100)'),
        endedAt: z.string().optional(),
        outcome: z.enum(['promoted', 'lost', 'expired', 'failed_to_load', 'retired']).optional(),
        reason: z.string().optional(),
      })
      .catchall(z.unknown())
      .optional()
      .describe(
        'set once it was a challenger on live traffic: its trial, the live evidence and how it ended',
      ),
  })
  .catchall(z.unknown())
  .describe('a model version record (status, metrics, gates, artifact, lineage, feature importance)');
/** A training or scoring run as the reads answer it. */
export const runRecordSchema = z
  .object({
    trigger: z
      .object({
        kind: z.string().describe('data_drop, retrain, upload, or scoring for a batch-scoring drop'),
      })
      .catchall(z.unknown())
      .optional(),
    scoring: z
      .object({
        format: z.string(),
        rows: z.number(),
        scored: z.number(),
        errorRows: z.number().describe('rows given an empty prediction and an error'),
        output: z.string().optional().describe('the predictions blob, {model}/{name}'),
        shadowVersion: z
          .number()
          .int()
          .optional()
          .describe('the challenger on trial that scored the rows beside production'),
      })
      .optional()
      .describe('scoring runs only'),
    message: z
      .string()
      .optional()
      .describe('a succeeded run that made no version says why, e.g. "already trained as version 3: ..."'),
    duplicateOf: z
      .number()
      .int()
      .optional()
      .describe('the version already trained on the same data (sha256) and spec'),
  })
  .catchall(z.unknown())
  .describe('a training or scoring run (status, stage, timings, error; scoring counts)');
