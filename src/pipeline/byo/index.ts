/**
 * Bring-your-own ONNX: an uploaded `{name}.onnx` with its `{name}.json` sidecar becomes a
 * candidate version (ingestUpload); validation scores it with scoreUploadedHoldout where a
 * trained candidate goes through its feature pipeline (the card says which: isUploadedCard).
 */
export { ingestUpload, type IncomingBlob, type IngestOutcome } from './ingest-upload';
export { scoreUploadedHoldout, type UploadedScores } from './score-uploaded';
export { targetEncoding, validationSpec } from './validation-spec';
