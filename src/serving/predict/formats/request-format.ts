import { AppError } from '../../../errors';

/** One accepted predict body shape: its top-level key and how its value becomes rows. */
export interface RequestFormat {
  /** The body's only top-level key, e.g. `rows`. */
  readonly key: string;
  /**
   * True when the list under `key` holds the rows themselves, so each row's JSON text in the body
   * is exactly its inputs (the log can copy it).
   */
  readonly rowsAsSent: boolean;
  /** The rows as `{feature: value}` objects (not yet checked against any schema). */
  toRecords(value: unknown): unknown[];
}

/** A malformed body: 400 naming the offending field (a JSON path such as `dataframe_split.data[2]`). */
export function badBody(field: string, message: string): AppError {
  return new AppError('invalid', 'bad_request_body', message, { issues: [{ field, message }] });
}
