/** One page of a list and the token for the next (absent on the last page). */
export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

/** Paging request: at most pageSize items (default per call site), after continuationToken. */
export interface PageRequest {
  pageSize?: number;
  continuationToken?: string;
}
