import type { DatasetLineage } from '../../domain/model-version';
import { AppError } from '../../errors';
import { cellAt, readDataset, type DataTable } from '../../ml/data';
import type { TargetEncoding } from '../../ml/features/types';
import type { OnnxSignature } from '../../ml/onnx';
import { randomSplit } from '../../ml/split/holdout';
import { sha256Hex } from '../ids';
import type { ModelSpec } from '../spec/model-spec';
import type { PipelineDeps } from '../pipeline-deps';
import { holdoutLines } from '../train/holdout-file';
import { scoreUploadedHoldout } from './score-uploaded';
import { parseSidecarText, type Sidecar } from './sidecar';
import { UploadedModelScorer, type RawRecord } from './uploaded-scorer';
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
  },
): Promise<PreparedUpload> {
  const { container, model, names, etags } = upload;
  const [onnxBlob, sidecarBlob] = await Promise.all([
    deps.blobs.downloadToBuffer(container, names.onnx, { ifMatch: etags.onnx }),
    deps.blobs.downloadToBuffer(container, names.sidecar, { ifMatch: etags.sidecar }),
  ]);
  const sidecar = parseSidecarText(sidecarBlob.data.toString('utf8'), `${container}/${names.sidecar}`);
  const onnx = new Uint8Array(onnxBlob.data.buffer, onnxBlob.data.byteOffset, onnxBlob.data.byteLength);
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
  const { limits } = deps.settings;
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

/** The rows as the file gave them, cell by column name. */
function recordsOf(table: DataTable, rows: Int32Array): RawRecord[] {
  return Array.from(rows, (row) => Object.fromEntries(table.columns.map((c) => [c.name, cellAt(c, row)])));
}
