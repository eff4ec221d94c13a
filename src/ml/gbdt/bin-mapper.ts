import { sortFloat32 } from './float-sort';
import type { Random } from './random';

/** Bin index that holds missing values (NaN) in every feature; value bins are 0..nBins-1 <= 254. */
export const MISSING_BIN = 255;

/** Rows sampled to place the quantile edges, as scikit-learn does (subsample=2e5). */
const EDGE_SAMPLE = 200_000;

/**
 * Per-feature bin edges: value bin b holds x with edges[b-1] < x <= edges[b]; the last bin holds
 * x > edges[last]. Edges are float32 so that `x <= edges[b]` on a float32 input picks exactly
 * the rows the binned split "bin <= b" picked: the tree threshold is the edge itself.
 */
export interface BinMapper {
  readonly edges: readonly Float32Array[];
  /** Value bins per feature (edges.length + 1). */
  readonly nBins: Int32Array;
}

/** Quantile edges for every column: at most maxBins value bins, seeded sampling past 200k rows. */
export function fitBinMapper(columns: readonly Float32Array[], maxBins: number, rng: Random): BinMapper {
  const edges = columns.map((col) => fitEdges(col, maxBins, rng));
  return { edges, nBins: Int32Array.from(edges, (e) => e.length + 1) };
}

function fitEdges(col: Float32Array, maxBins: number, rng: Random): Float32Array {
  const n = col.length;
  const sample = new Float32Array(Math.min(n, EDGE_SAMPLE));
  let m = 0;
  if (n <= EDGE_SAMPLE) {
    for (let i = 0; i < n; i++) if (col[i] === col[i]) sample[m++] = col[i];
  } else {
    for (let i = 0; i < EDGE_SAMPLE; i++) {
      const x = col[rng.int(n)];
      if (x === x) sample[m++] = x;
    }
  }
  const sorted = sortFloat32(sample.subarray(0, m));
  let distinct = m > 0 ? 1 : 0;
  for (let i = 1; i < m; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const out: number[] = [];
  if (distinct <= maxBins) {
    for (let i = 1; i < m; i++) if (sorted[i] !== sorted[i - 1]) out.push(midpoint(sorted[i - 1], sorted[i]));
  } else {
    for (let q = 1; q < maxBins; q++) {
      const pos = Math.floor((q * m) / maxBins);
      const lo = sorted[pos - 1];
      const edge = lo < sorted[pos] ? midpoint(lo, sorted[pos]) : lo;
      if (out.length === 0 || edge > out[out.length - 1]) out.push(edge);
    }
  }
  return Float32Array.from(out);
}

/** A float32 m with a <= m < b, as near the middle as float32 allows. */
function midpoint(a: number, b: number): number {
  const m = Math.fround(a + (b - a) / 2);
  return m >= b || m < a ? a : m;
}

/**
 * Bins one float32 column (only `rows` when given): NaN to MISSING_BIN, else the first b with
 * x <= edges[b]. A 64k-entry table on the top 16 bits of the float's order-preserving key gives
 * a lower bound for b, so most values need one or two comparisons instead of a binary search.
 */
export function binColumn(col: Float32Array, edges: Float32Array, rows?: Uint32Array | null): Uint8Array {
  const n = rows ? rows.length : col.length;
  const out = new Uint8Array(n);
  const lut = prefixTable(edges);
  const nEdges = edges.length;
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let i = 0; i < n; i++) {
    const x = col[rows ? rows[i] : i];
    if (x !== x) {
      out[i] = MISSING_BIN;
      continue;
    }
    f32[0] = x + 0; // -0 becomes +0, so the key order is exactly the numeric order
    let b = lut[orderKey(u32[0]) >>> 16];
    while (b < nEdges && x > edges[b]) b++;
    out[i] = b;
  }
  return out;
}

/** Maps float32 bits to a uint32 whose order is the float order (for +0; callers turn -0 into +0). */
function orderKey(bits: number): number {
  return (bits & 0x80000000 ? ~bits : bits | 0x80000000) >>> 0;
}

/** table[p] = number of edges whose key lies below prefix p: no value with that prefix exceeds fewer. */
function prefixTable(edges: Float32Array): Uint8Array {
  const table = new Uint8Array(65536);
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const keys = Array.from(edges, (e) => {
    f32[0] = e + 0;
    return orderKey(u32[0]);
  });
  let below = 0;
  for (let p = 0; p < 65536; p++) {
    while (below < keys.length && keys[below] < p * 65536) below++;
    table[p] = below;
  }
  return table;
}
