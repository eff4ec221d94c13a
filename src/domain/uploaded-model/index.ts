/**
 * A bring-your-own ONNX model: the `{name}.json` sidecar that says how request fields feed its
 * graph, the card its version records, and the scorer validation and serving both run it with.
 */
export { isUploadedCard, parseUploadedCard, type UploadedModelCard } from './uploaded-card';
export { UploadedModelScorer, targetValues, type RawRecord } from './uploaded-scorer';
export { inputColumns, parseSidecar, parseSidecarText, sidecarSchema, type Sidecar } from './sidecar';
