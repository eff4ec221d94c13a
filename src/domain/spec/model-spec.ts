import { z } from 'zod';
import { parseJsonText, parseWithSchema } from '../../parse-with-schema';
import { DATE_FORMATS } from '../../ml/schema/date-format';
import { gateSchema } from './gate';

const columnName = z.string().min(1, 'a column name cannot be empty');

/**
 * The model spec (`datasets/{model}/model.json` or `PUT /api/models/{model}/spec`). Every field
 * but `target` has a default, stated in its description; unknown fields are refused so a typo
 * does not silently fall back to a default.
 */
const modelSpecObject = z
  .object({
    target: columnName.describe('column to predict (required)'),
    task: z
      .enum(['regression', 'binary', 'multiclass'])
      .optional()
      .describe(
        'default: inferred from the target (numeric with many values: regression; two values: binary)',
      ),
    features: z.array(columnName).min(1).optional().describe('default: every column but target and exclude'),
    exclude: z.array(columnName).default([]).describe('columns never used as features; default none'),
    timeColumn: columnName
      .optional()
      .describe(
        'time-ordered holdout on this column, whose date parts become features; default: random holdout',
      ),
    format: z
      .object({
        delimiter: z
          .enum([',', ';', '\t', '|'])
          .optional()
          .describe('CSV field delimiter; default: detected from the header and first lines'),
        dateFormats: z
          .record(columnName, z.enum(DATE_FORMATS))
          .default({})
          .describe('date form per column, e.g. {"day": "DD/MM/YYYY"}; default: detected from the data'),
      })
      .strict()
      .prefault({})
      .describe('how the data files are written: CSV delimiter, date forms'),
    algorithm: z
      .enum(['gbdt', 'linear', 'logistic'])
      .default('gbdt')
      .describe('gbdt (default), linear (ridge, regression) or logistic (classification)'),
    params: z
      .record(z.string(), z.union([z.number(), z.boolean(), z.string()]))
      .default({})
      .describe(
        "trainer parameters, e.g. {nEstimators: 100, learningRate: 0.1, maxDepth: 6}; default the trainer's",
      ),
    seed: z.number().int().default(42).describe('seed for holdout split and training; default 42'),
    validation: z
      .object({
        holdoutFraction: z.number().gt(0).lt(1).default(0.2).describe('default 0.2'),
        gates: z
          .array(gateSchema)
          .optional()
          .describe('default: r2 >= 0 and rmse no worse than production (regression)'),
        sliceColumns: z
          .array(columnName)
          .default([])
          .describe('metrics per value of these columns; default none'),
        maxSliceErrorRatio: z
          .number()
          .gt(1)
          .default(3)
          .describe('bias limit: worst slice error / overall error; default 3'),
        minSliceRows: z
          .number()
          .int()
          .min(1)
          .default(30)
          .describe('slices with fewer rows are reported, not judged; default 30'),
        refit: z
          .boolean()
          .default(true)
          .describe(
            'once the gates pass, serve a model trained on all rows (train + holdout) with the same settings; default true',
          ),
        minRows: z
          .number()
          .int()
          .min(1)
          .default(30)
          .describe(
            'holdout rows production never trained on needed to compare with it; fewer: absolute gates alone; default 30',
          ),
      })
      .strict()
      .prefault({}),
    monitoring: z
      .object({
        driftThreshold: z
          .number()
          .gt(0)
          .default(0.1)
          .describe('distance metrics (PSI, Jensen-Shannon, Wasserstein); default 0.1'),
        datasetDriftShare: z
          .number()
          .gt(0)
          .max(1)
          .default(0.5)
          .describe('share of drifted features for dataset drift; default 0.5'),
        minSamples: z
          .number()
          .int()
          .min(1)
          .default(200)
          .describe('fewer logged rows report "not enough data"; default 200'),
        maxLiveErrorRatio: z
          .number()
          .gt(1)
          .default(1.25)
          .describe('live error / validation error that counts as a breach; default 1.25'),
        dataQualityMargin: z
          .number()
          .min(0)
          .max(1)
          .default(0.1)
          .describe(
            'an input whose missing + unreadable share exceeds its training share by more than this breaches data quality; default 0.1',
          ),
        reference: z
          .enum(['training', 'recent'])
          .default('training')
          .describe(
            'compare each window with the training profile (default) or with an earlier window of the same version (recent)',
          ),
        referenceWindowsBack: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(1)
          .describe('with reference "recent": how many checks back the reference window is; default 1'),
      })
      .strict()
      .prefault({}),
    retrain: z
      .object({
        windowDays: z
          .number()
          .gt(0)
          .optional()
          .describe('train on rows of the last N days of the time column; default all'),
        maxDrops: z.number().int().min(1).default(5).describe('latest data drops to assemble; default 5'),
        cooldownMinutes: z
          .number()
          .min(0)
          .default(60)
          .describe('at most one retrain per model per cooldown; default 60'),
        holdout: z
          .enum(['all', 'drops'])
          .default('all')
          .describe(
            'rows an automatic retrain may hold out to judge its candidate: all (default), or drops: only rows from data drops, so labels posted as feedback train but never judge',
          ),
        promotion: z
          .enum(['direct', 'shadow'])
          .optional()
          .describe(
            'how an automatic retrain that passes its gates meets traffic: direct (production) or shadow (challenger first); default as deployment.promotion (canary there: shadow)',
          ),
        maxConsecutiveLosses: z
          .number()
          .int()
          .min(1)
          .default(3)
          .describe(
            'challengers from automatic retrains that lose in a row before automatic retraining stops; default 3',
          ),
      })
      .strict()
      .prefault({}),
    deployment: z
      .object({
        promotion: z
          .enum(['direct', 'shadow', 'canary'])
          .default('direct')
          .describe(
            'a validated version goes to production (direct, default) or first on trial as the challenger: shadow (scored beside production, never answers) or canary (answers `share` of requests)',
          ),
        share: z
          .number()
          .gt(0)
          .lt(1)
          .default(0.1)
          .describe('canary: share of requests the challenger answers, sticky per routing key; default 0.1'),
        minFeedback: z
          .number()
          .int()
          .min(1)
          .default(200)
          .describe('feedback-labelled rows both versions scored before a trial is decided; default 200'),
        alpha: z
          .number()
          .gt(0)
          .lt(1)
          .default(0.05)
          .describe('significance of the paired test that promotes or retires the challenger; default 0.05'),
        maxDays: z
          .number()
          .gt(0)
          .default(14)
          .describe('a trial still undecided after this many days is retired; default 14'),
        errorMetric: z
          .enum(['absolute', 'squared'])
          .default('absolute')
          .describe(
            'regression: per-row error the paired test compares; default absolute (classifiers: misclassification)',
          ),
      })
      .strict()
      .prefault({})
      .describe(
        'how validated versions meet live traffic: direct, shadow or canary, and how a trial is decided',
      ),
  })
  .strict();

/** The spec's top-level fields, for documentation checks. */
export const MODEL_SPEC_FIELDS: readonly string[] = Object.keys(modelSpecObject.shape);

export const modelSpecSchema = modelSpecObject
  .refine((spec) => !spec.exclude.includes(spec.target), {
    message: 'target cannot be excluded',
    path: ['exclude'],
  })
  .refine((spec) => !spec.features?.includes(spec.target), {
    message: 'target cannot be a feature',
    path: ['features'],
  });

export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type ModelSpecInput = z.input<typeof modelSpecSchema>;

const SPEC = { code: 'bad_spec', label: 'model spec', root: '(spec)' } as const;

/** Validates a parsed spec and fills its defaults; AppError 'invalid' lists every bad field. */
export function parseModelSpec(input: unknown): ModelSpec {
  return parseWithSchema(modelSpecSchema, input, SPEC);
}

/** Parses spec text (model.json); text that is not JSON is an 'invalid' error naming its source. */
export function parseModelSpecText(text: string, source = 'model.json'): ModelSpec {
  return parseModelSpec(parseJsonText(text, { ...SPEC, label: `model spec ${source}` }));
}
