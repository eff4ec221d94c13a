import {
  inputColumns,
  UploadedModelScorer,
  type RawRecord,
  type UploadedModelCard,
} from '../../domain/uploaded-model';
import { probabilityRows, type RowProblem, type ServedModel } from './served-model';

/**
 * Loads an uploaded (bring-your-own) version: request fields feed the graph as its sidecar says.
 * Classes are the indexes "0".."K-1", as validation encoded the target.
 */
export async function loadUploadedModel(card: UploadedModelCard, onnx: Uint8Array): Promise<ServedModel> {
  const sidecar = card.sidecar;
  const scorer = await UploadedModelScorer.load(onnx, sidecar);
  const fields = sidecar.inputs.flatMap((input) =>
    inputColumns(input).map((column) => ({ column, text: input.type === 'string' })),
  );
  const classes =
    card.target.task === 'regression' ? undefined : card.target.classes.map((_, i) => String(i));
  return {
    model: card.model,
    version: card.version,
    task: sidecar.task,
    ...(classes ? { classes } : {}),
    validate(records) {
      const problems: RowProblem[] = [];
      records.forEach((record, row) => {
        if (record === null || typeof record !== 'object' || Array.isArray(record)) {
          problems.push({
            row,
            field: '',
            code: 'not_an_object',
            message: 'A row must be a JSON object of feature values',
          });
          return;
        }
        const r = record as Record<string, unknown>;
        for (const { column, text } of fields) {
          const problem = fieldProblem(column, r, text);
          if (problem) problems.push({ row, field: column, ...problem });
        }
      });
      return problems;
    },
    async score(records, from = 0, to = records.length) {
      const rows = (
        from === 0 && to === records.length ? records : records.slice(from, to)
      ) as readonly RawRecord[];
      const out = await scorer.score(rows);
      if (out instanceof Float64Array) return { predictions: Array.from(out) };
      const probabilities = probabilityRows(out.values, rows.length, out.nClasses);
      return { predictions: probabilities.map((p) => String(argmax(p))), probabilities };
    },
    release: () => scorer.release(),
  };
}

function fieldProblem(
  column: string,
  row: Record<string, unknown>,
  text: boolean,
): { code: string; message: string } | undefined {
  if (!Object.prototype.hasOwnProperty.call(row, column)) {
    return {
      code: 'missing_feature',
      message: `Feature "${column}" is missing (send null for an unknown value)`,
    };
  }
  const value = row[column];
  if (value === null) return undefined;
  if (text) {
    return typeof value === 'string' || typeof value === 'number'
      ? undefined
      : { code: 'wrong_type', message: `Feature "${column}" must be a string or number` };
  }
  if (typeof value !== 'number')
    return { code: 'wrong_type', message: `Feature "${column}" must be a number` };
  if (!Number.isFinite(value))
    return { code: 'not_finite', message: `Feature "${column}" must be finite, got ${value}` };
  return undefined;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}
