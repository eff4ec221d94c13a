/** Allocates a typed array on shared memory, so worker threads see the same bytes. */
export function sharedArray<T extends Uint8Array | Uint32Array | Float64Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * Type.BYTES_PER_ELEMENT));
}
