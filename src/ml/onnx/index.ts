/**
 * ONNX export and scoring. Exported graphs take `features` float [N, F] and give `variable`
 * (regression) or `label` + `probabilities` (classifiers), see contract.ts; they compute in
 * double so ONNX Runtime reproduces the engine's predictions to float32 rounding (see
 * exporters/tree-ensemble.ts and exporters/linear.ts for why and how).
 */
export { BATCH_DIM, INPUT_NAME, OUTPUT } from './contract';
export { exportOnnx, EXPORT_FORMAT_VERSION, type ExportOptions, type OnnxExport } from './export';
export { EXPORTERS } from './exporters/registry';
export type { ValueInfo } from './proto/model';
export { OnnxScorer, type Scores, type ScorerOptions } from './scorer';
export {
  checkCompatible,
  describeSession,
  type ExpectedSignature,
  type OnnxSignature,
  type TensorInfo,
} from './signature';
