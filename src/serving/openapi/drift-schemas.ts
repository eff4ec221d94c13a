import { liveComparisonSchema } from './record-schemas';
import { z } from 'zod';
import { DRIFT_PAGE } from '../../domain/page';
import { looseObject } from './common-schemas';

const liveErrorSchema = z
  .object({
    metric: z
      .enum(['rmse', 'accuracy', 'f1'])
      .describe('classifiers: f1 when the version was validated on f1, else accuracy'),
    value: z
      .number()
      .nullable()
      .describe('the live value of metric; null when no matched actual was readable'),
    accuracy: z.number().optional().describe('classifiers'),
    f1: z.number().optional().describe('classifiers: of the positive class (binary), or macro'),
    baseline: z.number().nullable().describe("the version's validation value"),
    limit: z.number().nullable().describe('rmse above it, or accuracy or f1 below it, is a breach'),
    breached: z.boolean(),
    matched: z.number().int().describe('feedback items joined with a logged row'),
    unknownRequestIds: z.number().int().describe('feedback request ids matching no logged row'),
    unreadableActuals: z
      .number()
      .int()
      .describe('matched feedback whose actual is no readable target (e.g. text for a regression)'),
  })
  .nullable()
  .describe('null when no feedback matched a logged row');

const retrainSchema = z
  .object({
    sent: z.boolean(),
    trigger: z.enum(['drift', 'live_error', 'manual']),
    reason: z.string(),
  })
  .catchall(z.unknown())
  .nullable()
  .describe('null when no retrain was asked; sent: false when the policy suppressed it');

/** One drift report as `GET /models/{model}/drift` lists it. */
export const driftHistoryItemSchema = z.object({
  id: z.string().describe('drift:{window end}'),
  createdAt: z.string(),
  version: z.number().int(),
  status: z
    .enum(['drift', 'data_quality', 'no_drift', 'not_enough_data', 'not_monitorable'])
    .describe(
      'data_quality: a top-3 input, or at least monitoring.datasetDriftShare of the inputs, is missing or unreadable beyond its training rate plus monitoring.dataQualityMargin (no retrain is asked)',
    ),
  window: z.object({ from: z.string(), to: z.string() }),
  rows: z.number().int(),
  report: looseObject(
    'verdict, verdictReason, reference {kind: training|recent, reportId?, note?}, driftedShare, driftedTopFeatures, qualityBreaches, qualityBreachedTopFeatures, unmonitored; per feature and prediction: metric, score, threshold, drifted, psi, pValue (score, psi and pValue null with a reason below minSamples readable values), current (the window on the profile bins); per input quality: count, missing, unreadable, missingRate, unreadableRate, trainingMissingRate, limit, breached, outOfRange',
  )
    .nullable()
    .describe('null when not monitorable'),
  liveError: liveErrorSchema,
  retrain: retrainSchema,
  challenger: z
    .object({
      version: z.number().int(),
      comparison: liveComparisonSchema,
      outcome: z.enum(['promoted', 'lost', 'expired', 'continue']),
    })
    .optional()
    .describe("the challenger's live comparison in this check, when one is on trial"),
  reason: z.string().optional().describe('why the version is not monitorable'),
});

/** `GET /models/{model}/drift` answer: newest first. */
export const driftHistorySchema = z.object({
  model: z.string(),
  items: z.array(driftHistoryItemSchema),
  continuationToken: z.string().optional().describe('absent on the last page'),
});

/** `?pageSize=&continuationToken=` of the drift history (larger pages than other lists). */
export const driftPageQuerySchema = z.object({
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(DRIFT_PAGE.maxSize)
    .optional()
    .describe(`default ${DRIFT_PAGE.defaultSize}, at most ${DRIFT_PAGE.maxSize}`),
  continuationToken: z.string().optional().describe('from the previous page'),
});
