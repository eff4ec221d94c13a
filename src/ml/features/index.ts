export { fitPipeline } from './fit-pipeline';
export { UNKNOWN_LABEL } from './fit-steps';
export { encodeTarget, fitTarget, type EncodedTarget } from './target';
export { buildTrainingSet, transformTable, type TrainingSet } from './transform-table';
export { transformRecords } from './transform-records';
export { validateRecord, type FieldProblem } from './validate-record';
export type {
  DroppedColumn,
  FeaturePipeline,
  FeatureStep,
  InputField,
  ModelFamily,
  PipelineOptions,
  TargetEncoding,
} from './types';
