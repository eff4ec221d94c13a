/**
 * A record as read from (or just written to) its store, with the ETag of that state: pass it
 * back as ifMatch to change only what was read. The ETag belongs to the store, not to the
 * record, so domain types never carry one.
 */
export type Stored<T> = T & { readonly etag: string };
