import type { FeatureMatrix } from '../../../../src/ml/matrix';
import type { LinearModel, TrainedModel, TreeEnsembleModel } from '../../../../src/ml/models/types';

/**
 * The engine's scoring semantics written out plainly, in double: the second path the parity
 * tests compare ONNX Runtime against. Returns raw scores, row-major [nRows * nOutputs].
 */
export function referenceRaw(model: TrainedModel, m: FeatureMatrix): Float64Array {
  return model.kind === 'gbdt' ? treeRaw(model, m) : linearRaw(model, m);
}

function treeRaw(model: TreeEnsembleModel, m: FeatureMatrix): Float64Array {
  const k = model.nOutputs;
  const out = new Float64Array(m.nRows * k);
  for (let i = 0; i < m.nRows; i++) {
    for (let c = 0; c < k; c++) out[i * k + c] = model.baseScore[c];
    for (const tree of model.trees) {
      let node = 0;
      while (tree.feature[node] >= 0) {
        const x = m.columns[tree.feature[node]][i];
        const goLeft = Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= tree.threshold[node];
        node = goLeft ? tree.left[node] : tree.right[node];
      }
      out[i * k + tree.classIndex] += tree.value[node];
    }
  }
  return out;
}

function linearRaw(model: LinearModel, m: FeatureMatrix): Float64Array {
  const k = model.nOutputs;
  const out = new Float64Array(m.nRows * k);
  for (let i = 0; i < m.nRows; i++) {
    for (let c = 0; c < k; c++) {
      let s = model.intercepts[c];
      for (let j = 0; j < model.nFeatures; j++) s += model.weights[c][j] * m.columns[j][i];
      out[i * k + c] = s;
    }
  }
  return out;
}

/** Class probabilities from raw scores, row-major [nRows * nClasses], in double. */
export function referenceProbabilities(
  raw: Float64Array,
  task: 'binary' | 'multiclass',
  nRows: number,
): Float64Array {
  if (task === 'binary') {
    const out = new Float64Array(nRows * 2);
    for (let i = 0; i < nRows; i++) {
      out[i * 2] = 1 / (1 + Math.exp(raw[i]));
      out[i * 2 + 1] = 1 / (1 + Math.exp(-raw[i]));
    }
    return out;
  }
  const k = raw.length / nRows;
  const out = new Float64Array(raw.length);
  for (let i = 0; i < nRows; i++) {
    const row = raw.subarray(i * k, i * k + k);
    const max = Math.max(...row);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i * k + c] = Math.exp(row[c] - max);
    for (let c = 0; c < k; c++) out[i * k + c] /= sum;
  }
  return out;
}
