import type { Task } from '../matrix';

/**
 * One regression tree as flat node arrays (node 0 is the root), the shape both the engine's
 * scorer and the ONNX exporter walk. A row goes left when `x <= threshold`, and when x is NaN
 * it goes left exactly when `missingLeft[node]` is 1.
 */
export interface Tree {
  /** Which output (class) this tree adds to: 0 for regression and binary. */
  readonly classIndex: number;
  /** Feature index per node; -1 marks a leaf. */
  readonly feature: Int32Array;
  /** Split threshold per node, float32 as ONNX Runtime compares in float32. */
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  /** Leaf value per node (learning rate already applied); 0 on inner nodes. */
  readonly value: Float64Array;
}

/** Gradient-boosted tree ensemble: raw score per output = baseScore + sum of its trees' leaves. */
export interface TreeEnsembleModel {
  readonly kind: 'gbdt';
  readonly task: Task;
  readonly nFeatures: number;
  /** 1 for regression and binary, K for multiclass. */
  readonly nOutputs: number;
  readonly baseScore: readonly number[];
  readonly trees: readonly Tree[];
  /** Total gain per feature, for the model card. */
  readonly featureImportance: readonly number[];
}

/**
 * Linear model on raw (unstandardised) features: raw score per output = intercept + w·x.
 * Binary applies a sigmoid, multiclass a softmax to the raw scores.
 */
export interface LinearModel {
  readonly kind: 'linear';
  readonly task: Task;
  readonly nFeatures: number;
  readonly nOutputs: number;
  /** weights[output][feature] */
  readonly weights: readonly (readonly number[])[];
  readonly intercepts: readonly number[];
}

export type TrainedModel = TreeEnsembleModel | LinearModel;
