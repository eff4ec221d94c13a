import { MISSING_BIN } from './bin-mapper';
import type { GrownTree } from './tree-learner';

/** Adds a grown tree's leaf values to scores by walking binned rows (same routes as the float thresholds). */
export function addTreeBinned(grown: GrownTree, bins: readonly Uint8Array[], scores: Float64Array): void {
  const { feature, left, right, missingLeft, value } = grown.tree;
  const splitBin = grown.splitBin;
  for (let r = 0; r < scores.length; r++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const b = bins[f][r];
      const goLeft = b === MISSING_BIN ? missingLeft[node] === 1 : b <= splitBin[node];
      node = goLeft ? left[node] : right[node];
      f = feature[node];
    }
    scores[r] += value[node];
  }
}
