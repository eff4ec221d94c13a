/** What kind of data problem stopped the engine; the pipeline records it on the failed run. */
export type DataErrorCode =
  | 'empty'
  | 'no_rows'
  | 'missing_column'
  | 'bad_type'
  | 'ambiguous_date'
  | 'bad_target'
  | 'single_class'
  | 'constant_column'
  | 'all_missing'
  | 'missing_value'
  | 'too_large'
  | 'corrupt'
  | 'bad_spec'
  | 'bad_model';

/** Where in the data the problem is, when it is somewhere in particular. */
export interface DataErrorDetails {
  readonly column?: string;
  readonly row?: number;
  readonly limit?: number;
  readonly [key: string]: unknown;
}

/** A problem with the input data or spec: retrying cannot fix it, the user must. */
export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly details: DataErrorDetails = {},
  ) {
    super(message);
    this.name = 'DataError';
  }
}
