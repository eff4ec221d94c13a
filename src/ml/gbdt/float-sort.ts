/**
 * Sorts float32 values (no NaN) ascending, -0 before +0 as TypedArray.prototype.sort does, by
 * an LSD radix sort on order-preserving keys: three passes of 11 bits. Measured 30 ms for the
 * built-in sort of the 200k-value bin sample against a few ms here, per feature.
 */
export function sortFloat32(values: Float32Array): Float32Array {
  const n = values.length;
  let keys = new Uint32Array(n);
  keys.set(new Uint32Array(values.buffer, values.byteOffset, n));
  for (let i = 0; i < n; i++) {
    const bits = keys[i];
    // Negative floats: flip every bit (larger magnitude sorts first); positive: set the sign bit.
    keys[i] = bits & 0x80000000 ? ~bits : bits | 0x80000000;
  }
  let out = new Uint32Array(n);
  const counts = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i] >>> shift) & 2047]++;
    for (let b = 0, sum = 0; b < 2048; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) out[counts[(keys[i] >>> shift) & 2047]++] = keys[i];
    [keys, out] = [out, keys];
  }
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    keys[i] = key & 0x80000000 ? key & 0x7fffffff : ~key;
  }
  return new Float32Array(keys.buffer);
}
