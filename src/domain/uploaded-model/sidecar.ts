import { z } from 'zod';
import { parseJsonText, parseWithSchema } from '../../parse-with-schema';

const name = z.string().min(1, 'cannot be empty');

/** One graph input: a single column ([N, 1] or [N]) or several columns packed as [N, F]. */
const inputSchema = z
  .object({
    name: name.describe('the ONNX graph input name'),
    column: name.optional().describe('dataset column feeding it; default: the input name'),
    columns: z.array(name).min(1).optional().describe('several columns packed into one [N, F] input'),
    type: z.enum(['float32', 'float64', 'int64', 'string']).describe('element type of the graph input'),
  })
  .strict()
  .refine((i) => i.column === undefined || i.columns === undefined, {
    message: 'give column or columns, not both',
  });

/**
 * The `{name}.json` sidecar of an uploaded `{name}.onnx`: what the model predicts, how dataset
 * columns feed its inputs, and which dataset blob (in the datasets container) to validate it on.
 * Unknown fields are refused, so a typo does not silently fall back to a default.
 */
export const sidecarSchema = z
  .object({
    task: z.enum(['regression', 'binary', 'multiclass']),
    target: name.describe('dataset column holding the true value'),
    inputs: z.array(inputSchema).min(1, 'the model needs at least one input'),
    outputs: z
      .object({
        prediction: name.optional().describe('regression output; default: the first output'),
        probabilities: name
          .optional()
          .describe('classifiers: float [N, K] class probabilities; default "probabilities"'),
      })
      .strict()
      .prefault({}),
    dataset: name.describe('blob name in the datasets container, e.g. "taxi/2025-06.csv"'),
    holdoutFraction: z.number().gt(0).lt(1).default(0.2).describe('share of the dataset scored; default 0.2'),
    seed: z.number().int().default(42).describe('seed of the random holdout; default 42'),
  })
  .strict()
  .refine((s) => new Set(s.inputs.map((i) => i.name)).size === s.inputs.length, {
    message: 'input names must be unique',
    path: ['inputs'],
  });

export type Sidecar = z.infer<typeof sidecarSchema>;
export type SidecarInput = Sidecar['inputs'][number];

/** The dataset columns an input reads, in order. */
export function inputColumns(input: SidecarInput): string[] {
  return input.columns ?? [input.column ?? input.name];
}

const sidecarKind = (source: string) => ({
  code: 'bad_sidecar',
  label: `sidecar ${source}`,
  root: '(sidecar)',
});

/** Validates a parsed sidecar and fills its defaults; AppError 'invalid' lists every bad field. */
export function parseSidecar(input: unknown, source = 'sidecar'): Sidecar {
  return parseWithSchema(sidecarSchema, input, sidecarKind(source));
}

/** Parses sidecar text; text that is not JSON is an 'invalid' error saying so. */
export function parseSidecarText(text: string, source = 'sidecar'): Sidecar {
  return parseSidecar(parseJsonText(text, sidecarKind(source)), source);
}
