import { MISSING_BIN } from './bin-mapper';
import { FEATURE_STRIDE } from './histogram';
import type { SplitInfo } from './split-info';

/** Split constraints shared by every leaf. */
export interface SplitRules {
  readonly l2: number;
  readonly minSamplesLeaf: number;
  /** Least hessian sum per child, as scikit-learn's min_hessian_to_split (1e-3). */
  readonly minHessian: number;
}

/**
 * Best split over all features of one leaf, from its histogram: one cumulative scan over the
 * value bins with missing rows on the right, then, when the leaf has missing rows, a second scan
 * with them on the left, so the default direction is learned. Writes into `best`.
 */
export function findBestSplit(
  hist: Float64Array,
  nBins: Int32Array,
  sumG: number,
  sumH: number,
  count: number,
  rules: SplitRules,
  best: SplitInfo,
): void {
  best.gain = -Infinity;
  best.feature = -1;
  const parentScore = (sumG * sumG) / (sumH + rules.l2);
  for (let f = 0; f < nBins.length; f++) {
    const base = f * FEATURE_STRIDE;
    const m = base + MISSING_BIN * 3;
    const missingCount = hist[m + 2];
    scan(hist, base, nBins[f], f, 0, 0, 0, sumG, sumH, count, parentScore, rules, false, best);
    if (missingCount > 0) {
      scan(
        hist,
        base,
        nBins[f],
        f,
        hist[m],
        hist[m + 1],
        missingCount,
        sumG,
        sumH,
        count,
        parentScore,
        rules,
        true,
        best,
      );
    }
  }
  if (best.feature >= 0 && hist[best.feature * FEATURE_STRIDE + MISSING_BIN * 3 + 2] === 0) {
    // No missing rows reached this leaf in training: send future ones to the larger child.
    best.missingLeft = best.leftCount >= count - best.leftCount;
  }
}

function scan(
  hist: Float64Array,
  base: number,
  nBins: number,
  feature: number,
  startG: number,
  startH: number,
  startC: number,
  sumG: number,
  sumH: number,
  count: number,
  parentScore: number,
  rules: SplitRules,
  missingLeft: boolean,
  best: SplitInfo,
): void {
  const { l2, minSamplesLeaf, minHessian } = rules;
  let gl = startG;
  let hl = startH;
  let cl = startC;
  for (let b = 0; b < nBins - 1; b++) {
    const s = base + b * 3;
    gl += hist[s];
    hl += hist[s + 1];
    cl += hist[s + 2];
    if (cl < minSamplesLeaf || hl < minHessian) continue;
    const cr = count - cl;
    if (cr < minSamplesLeaf) break;
    const hr = sumH - hl;
    if (hr < minHessian) continue;
    const gr = sumG - gl;
    const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
    if (gain > best.gain) {
      best.gain = gain;
      best.feature = feature;
      best.bin = b;
      best.missingLeft = missingLeft;
      best.leftG = gl;
      best.leftH = hl;
      best.leftCount = cl;
    }
  }
}
