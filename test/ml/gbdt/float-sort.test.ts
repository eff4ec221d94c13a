import { describe, expect, it } from 'vitest';
import { sortFloat32 } from '../../../src/ml/gbdt/float-sort';
import { Random } from '../../../src/ml/gbdt/random';

describe('sortFloat32', () => {
  it.each([
    ['mixed signs, zeros and infinities', [3, -1, 0, -0, Infinity, -Infinity, 1e-40, -2.5, 3]],
    ['empty', []],
    ['one value', [7]],
  ])('orders %s as the built-in typed-array sort does', (_, values) => {
    const a = Float32Array.from(values);
    expect(Array.from(sortFloat32(a)).map((x) => (Object.is(x, -0) ? '-0' : x))).toEqual(
      Array.from(a.slice().sort()).map((x) => (Object.is(x, -0) ? '-0' : x)),
    );
  });

  it('sorts 50k seeded values exactly like the built-in sort, leaving its input alone', () => {
    const rng = new Random(5);
    const a = Float32Array.from({ length: 50_000 }, () => (rng.next() - 0.3) * 1e6);
    const copy = a.slice();
    expect(Array.from(sortFloat32(a))).toEqual(Array.from(a.slice().sort()));
    expect(a).toEqual(copy);
  });
});
