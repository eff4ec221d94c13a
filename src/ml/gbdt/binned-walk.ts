import { MISSING_BIN } from './bin-mapper';
import type { BinMatrix } from './bin-matrix';
import type { GrownTree } from './tree-learner';

/** Adds a grown tree's leaf values to scores by walking binned rows (same routes as the float thresholds). */
export function addTreeBinned(grown: GrownTree, bins: BinMatrix, scores: Float64Array): void {
  const { feature, left, right, missingLeft, value } = grown.tree;
  const splitBin = grown.splitBin;
  const { data, nFeatures } = bins;
  for (let r = 0; r < scores.length; r++) {
    const row = r * nFeatures;
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const b = data[row + f];
      const goLeft = b === MISSING_BIN ? missingLeft[node] === 1 : b <= splitBin[node];
      node = goLeft ? left[node] : right[node];
      f = feature[node];
    }
    scores[r] += value[node];
  }
}
