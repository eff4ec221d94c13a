import { AppError } from '../../../errors';
import { dataframeRecordsFormat } from './dataframe-records';
import { dataframeSplitFormat } from './dataframe-split';
import { badBody, type RequestFormat } from './request-format';
import { rowsFormat } from './rows';

/** Every accepted predict body shape, by its top-level key. */
export const REQUEST_FORMATS: readonly RequestFormat[] = [
  rowsFormat,
  dataframeSplitFormat,
  dataframeRecordsFormat,
];

const BY_KEY = new Map(REQUEST_FORMATS.map((f) => [f.key, f]));

/**
 * The rows of a parsed predict body and the format they came in: exactly one known top-level
 * key, in any of the formats. An empty list of rows is refused (nothing to predict is a client
 * mistake worth naming).
 */
export function bodyRows(body: unknown): { records: unknown[]; format: RequestFormat } {
  const keys = REQUEST_FORMATS.map((f) => `"${f.key}"`).join(', ');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badBody('', `The body must be a JSON object with one of ${keys}`);
  }
  const present = Object.keys(body).filter((k) => BY_KEY.has(k));
  if (present.length !== 1) {
    throw badBody('', `The body must have exactly one of ${keys}; it has ${present.length}`);
  }
  const format = BY_KEY.get(present[0]!)!;
  const records = format.toRecords((body as Record<string, unknown>)[format.key]);
  if (records.length === 0) {
    const message = `"${format.key}" has no rows: send at least one`;
    throw new AppError('invalid', 'empty_rows', message, { issues: [{ field: format.key, message }] });
  }
  return { records, format };
}
