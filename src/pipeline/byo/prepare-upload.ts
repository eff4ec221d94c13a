import type { DatasetLineage } from '../../domain/model-version';
import { AppError } from '../../errors';
import { cellAt, readDataset, type DataTable } from '../../ml/data';
import type { TargetEncoding } from '../../ml/features/types';
import type { OnnxSignature } from '../../ml/onnx';
import { randomSplit } from '../../ml/split/holdout';
import { sha256Hex } from '../../domain/ids';
import type { ModelSpec } from '../../domain/spec/model-spec';
import type { PipelineDeps } from '../pipeline-deps';
import { holdoutLines } from '../train/holdout-file';
import { scoreUploadedHoldout } from './score-uploaded';
import { parseSidecarText, type Sidecar } from '../../domain/uploaded-model/sidecar';
import { trialLoad } from './trial-load';
import { UploadedModelScorer, type RawRecord } from '../../domain/uploaded-model/uploaded-scorer';
import { findExternalData } from '../../ml/onnx/proto/external-data';
import { targetEncoding, validationSpec } from './validation-spec';

/** A checked upload: the model bytes, its sidecar and graph, and the holdout it was scored on. */
export interface PreparedUpload {
  readonly onnx: Uint8Array;
  readonly sidecar: Sidecar;
  readonly signature: OnnxSignature;
  readonly target: TargetEncoding;
  readonly spec: ModelSpec;
  readonly lineage: DatasetLineage;
  readonly holdoutRows: number;
  /** holdout.jsonl: the rows and this model's outputs on them. */
  readonly holdoutJsonl: string;
}

/**
 * Reads both files at the ETags the trigger saw, checks the sidecar (fields) and the graph
 * (loads in ONNX Runtime, inputs and outputs as the sidecar says), then draws the seeded random
 * holdout of the sidecar's dataset and scores it, so a model that cannot take that data fails
 * here, with the reason, rather than in validation.
 */
export async function prepareUpload(
  deps: Pick<PipelineDeps, 'blobs' | 'registry' | 'settings'>,
  upload: {
    container: string;
    model: string;
    names: { onnx: string; sidecar: string };
    etags: { onnx: string; sidecar: string };
    /** The blobs' sizes from their properties: checked before either is read. */
    sizes: { onnx: number; sidecar: number };
  },
): Promise<PreparedUpload> {
  const { container, model, names, etags } = upload;
  const { limits } = deps.settings;
  checkSize(
    `${container}/${names.onnx}`,
    upload.sizes.onnx,
    limits.maxUploadedModelBytes ?? 256 * 1024 * 1024,
    'MAX_UPLOADED_MODEL_BYTES',
  );
  checkSize(
    `${container}/${names.sidecar}`,
    upload.sizes.sidecar,
    limits.maxSidecarBytes ?? 64 * 1024,
    'MAX_SIDECAR_BYTES',
  );
  const [onnxBlob, sidecarBlob] = await Promise.all([
    deps.blobs.downloadToBuffer(container, names.onnx, { ifMatch: etags.onnx }),
    deps.blobs.downloadToBuffer(container, names.sidecar, { ifMatch: etags.sidecar }),
  ]);
  const sidecar = parseSidecarText(sidecarBlob.data.toString('utf8'), `${container}/${names.sidecar}`);
  const onnx = new Uint8Array(onnxBlob.data.buffer, onnxBlob.data.byteOffset, onnxBlob.data.byteLength);
  refuseExternalData(onnx, `${container}/${names.onnx}`);
  // A hostile file must not take the host down: the first load is in a worker with limits.
  await trialLoad(onnx);
  const scorer = await UploadedModelScorer.load(onnx, sidecar);
  const signature = scorer.signature;
  await scorer.release();
  const spec = await validationSpec(deps, model, sidecar);

  const datasets = deps.settings.containers.datasets;
  const info = await deps.blobs.tryGetProperties(datasets, sidecar.dataset);
  if (!info) {
    throw new AppError(
      'invalid',
      'missing_dataset',
      `The sidecar's dataset "${sidecar.dataset}" does not exist in the ${datasets} container`,
    );
  }
  if (info.size > limits.maxDatasetBytes) {
    throw new AppError(
      'too_large',
      'too_large',
      `${datasets}/${sidecar.dataset} is ${info.size} bytes, over the limit of ${limits.maxDatasetBytes} bytes (MAX_DATASET_BYTES)`,
    );
  }
  const data = await deps.blobs.downloadToBuffer(datasets, sidecar.dataset, { ifMatch: info.etag });
  const table = await readDataset(data.data, sidecar.dataset, {
    maxBytes: limits.maxDatasetBytes,
    maxRows: limits.maxDatasetRows,
    maxColumns: limits.maxDatasetColumns,
  });
  const rows = Int32Array.from(randomSplit(table.rowCount, sidecar.holdoutFraction, sidecar.seed).holdout);
  const scores = await scoreUploadedHoldout(sidecar, onnx, recordsOf(table, rows));
  return {
    onnx,
    sidecar,
    signature,
    target: targetEncoding(sidecar, sidecar.task === 'multiclass' ? scores.nOutputs : undefined),
    spec,
    lineage: {
      blobName: sidecar.dataset,
      etag: info.etag,
      sha256: sha256Hex(data.data),
      rows: table.rowCount,
      columns: table.columns.length,
    },
    holdoutRows: rows.length,
    holdoutJsonl: holdoutLines(table, rows, scores.output, scores.nOutputs),
  };
}

function checkSize(blob: string, size: number, limit: number, setting: string): void {
  if (size <= limit) return;
  throw new AppError(
    'too_large',
    'too_large',
    `${blob} is ${size} bytes, over the limit of ${limit} bytes (${setting})`,
    { limit, size },
  );
}

/** ONNX Runtime would open the files an external-data tensor names: refused in the protobuf. */
function refuseExternalData(onnx: Uint8Array, blob: string): void {
  let found: ReturnType<typeof findExternalData>;
  try {
    found = findExternalData(onnx);
  } catch {
    return; // not a protobuf: ONNX Runtime refuses it next, with its own reason
  }
  if (found?.kind === 'external_data') {
    throw new AppError(
      'invalid',
      'external_data',
      `${blob} keeps tensor "${found.tensor}" in an external data file: embed every initializer in the .onnx file`,
    );
  }
  if (found?.kind === 'too_deep') {
    throw new AppError('invalid', 'bad_model', `${blob} nests subgraphs deeper than any model needs`);
  }
}

/** The rows as the file gave them, cell by column name. */
function recordsOf(table: DataTable, rows: Int32Array): RawRecord[] {
  return Array.from(rows, (row) => Object.fromEntries(table.columns.map((c) => [c.name, cellAt(c, row)])));
}
