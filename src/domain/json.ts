/** A JSON value: what documents hold where the registry does not interpret the content. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
