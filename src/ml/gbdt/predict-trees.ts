import type { FeatureMatrix } from '../matrix';
import type { Tree, TreeEnsembleModel } from '../models/types';

/** Raw scores of a tree ensemble, row-major nRows x nOutputs: baseScore plus every tree's leaf. */
export function predictTreesRaw(model: TreeEnsembleModel, matrix: FeatureMatrix): Float64Array {
  const k = model.nOutputs;
  const n = matrix.nRows;
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) out[r * k + j] = model.baseScore[j];
  // Tree-outer keeps one tree's small arrays hot while the rows stream past.
  for (const tree of model.trees) addTree(tree, matrix.columns, n, k, out);
  return out;
}

function addTree(
  tree: Tree,
  columns: readonly Float32Array[],
  n: number,
  k: number,
  out: Float64Array,
): void {
  const { feature, threshold, left, right, missingLeft, value } = tree;
  const c = tree.classIndex;
  for (let r = 0; r < n; r++) {
    let node = 0;
    let f = feature[0];
    while (f >= 0) {
      const x = columns[f][r];
      // Float32 on both sides: the same comparison ONNX Runtime makes.
      if (x <= threshold[node]) node = left[node];
      else if (x !== x) node = missingLeft[node] === 1 ? left[node] : right[node];
      else node = right[node];
      f = feature[node];
    }
    out[r * k + c] += value[node];
  }
}
