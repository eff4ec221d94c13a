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

/** `GET /api/models/{model}/drift` page size: default 50, at most 200. */
export const DRIFT_PAGE = { defaultSize: 50, maxSize: 200 } as const;
