import { modelPath, type ApiClient } from '../api-client';

/** One answer of the predict route. */
export interface PredictAnswer {
  model: string;
  version: number;
  requestId: string;
  predictions: (number | string)[];
  classes?: string[];
  probabilities?: number[][];
}

/** The answers of all chunks, in row order. */
export interface BatchResult {
  model: string;
  version: number;
  predictions: (number | string)[];
  /** For each row, the requestId of its chunk and its row in that chunk (what feedback quotes). */
  requests: { requestId: string; row: number }[];
  classes?: string[];
  probabilities?: number[][];
}

export interface BatchLimits {
  /** Rows per request (the app's MAX_PREDICT_ROWS defaults to 10000). */
  rows: number;
  /** JSON bytes per request (MAX_PREDICT_BYTES defaults to 4 MiB; stay well under). */
  bytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { rows: 1000, bytes: 1024 * 1024 };

/** Splits records into chunks of at most `limits.rows` rows and about `limits.bytes` of JSON. */
export function chunkRecords<T>(records: readonly T[], limits: BatchLimits = DEFAULT_BATCH_LIMITS): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = JSON.stringify(record).length + 1;
    if (current.length > 0 && (current.length >= limits.rows || bytes + size > limits.bytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Scores all records chunk by chunk (one request each, in order) and joins the answers. */
export async function predictBatches(
  client: ApiClient,
  model: string,
  records: readonly Record<string, unknown>[],
  options: { version?: number; limits?: BatchLimits } = {},
): Promise<BatchResult> {
  const query = options.version === undefined ? '' : `?version=${options.version}`;
  const result: BatchResult = { model, version: 0, predictions: [], requests: [] };
  for (const chunk of chunkRecords(records, options.limits)) {
    const answer = await client.post<PredictAnswer>(modelPath(model, `/predict${query}`), { rows: chunk });
    result.version = answer.version;
    result.predictions.push(...answer.predictions);
    answer.predictions.forEach((_, row) => result.requests.push({ requestId: answer.requestId, row }));
    if (answer.classes) result.classes = answer.classes;
    if (answer.probabilities) (result.probabilities ??= []).push(...answer.probabilities);
  }
  return result;
}
