/**
 * Dense feature matrix as the trainers, scorers and the ONNX graph see it: one float32 column
 * per feature (float32 because that is what the exported graph takes, so the engine and ONNX
 * Runtime compare the very same values); NaN marks a missing value.
 */
export interface FeatureMatrix {
  readonly nRows: number;
  readonly names: readonly string[];
  /** One array per feature, each of length nRows. */
  readonly columns: readonly Float32Array[];
}

/** Prediction task of a model; decides objective, metrics and output shape. */
export type Task = 'regression' | 'binary' | 'multiclass';
