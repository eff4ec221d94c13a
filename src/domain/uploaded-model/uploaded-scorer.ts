import * as ort from 'onnxruntime-node';
import { AppError } from '../../errors';
import type { Prediction } from '../../ml/metrics';
import { describeSession, type OnnxSignature } from '../../ml/onnx';
import { checkSidecarSignature, type UploadedOutputs } from './signature-check';
import { inputColumns, type Sidecar, type SidecarInput } from './sidecar';

/** A row as the dataset file gave it (what holdout.jsonl holds): cell by column name. */
export type RawRecord = Readonly<Record<string, string | number | null>>;

/**
 * An uploaded (bring-your-own) ONNX model in ONNX Runtime, fed from dataset columns as its
 * sidecar says. What validation scores an uploaded candidate with, in place of the engine's
 * feature pipeline; `score` runs on the main thread (ORT-node), as the pipeline's own scorer.
 */
export class UploadedModelScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly sidecar: Sidecar,
    readonly signature: OnnxSignature,
    private readonly output: UploadedOutputs,
  ) {}

  /** Loads the bytes; AppError 'invalid' code 'bad_model' when they do not load or do not match the sidecar. */
  static async load(bytes: Uint8Array, sidecar: Sidecar): Promise<UploadedModelScorer> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    } catch (err) {
      throw new AppError(
        'invalid',
        'bad_model',
        `ONNX Runtime cannot load the uploaded model: ${firstLine(err)}`,
      );
    }
    const signature = describeSession(session);
    try {
      return new UploadedModelScorer(session, sidecar, signature, checkSidecarSignature(signature, sidecar));
    } catch (err) {
      await session.release();
      throw err;
    }
  }

  /** Predictions for the rows: values (regression) or class probabilities (classifiers). */
  async score(records: readonly RawRecord[]): Promise<Prediction> {
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of this.sidecar.inputs) feeds[input.name] = this.tensorFor(input, records);
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await this.session.run(feeds, [this.output.name]);
    } catch (err) {
      throw new AppError(
        'invalid',
        'bad_model',
        `The uploaded model failed to score ${records.length} rows: ${firstLine(err)}`,
      );
    }
    const data = out[this.output.name].data;
    if (
      !(data instanceof Float32Array || data instanceof Float64Array) ||
      data.length % Math.max(1, records.length) !== 0
    ) {
      throw new AppError(
        'invalid',
        'bad_model',
        `Output "${this.output.name}" of the uploaded model is not numbers per row`,
      );
    }
    if (this.sidecar.task === 'regression') {
      if (data.length !== records.length) {
        throw new AppError(
          'invalid',
          'bad_model',
          `Output "${this.output.name}" gave ${data.length} values for ${records.length} rows`,
        );
      }
      return Float64Array.from(data);
    }
    return {
      nClasses: records.length === 0 ? (this.output.nClasses ?? 2) : data.length / records.length,
      values: Float64Array.from(data),
    };
  }

  /** Frees the native session. */
  async release(): Promise<void> {
    await this.session.release();
  }

  private tensorFor(input: SidecarInput, records: readonly RawRecord[]): ort.Tensor {
    const columns = inputColumns(input);
    const graph = this.signature.inputs.find((i) => i.name === input.name);
    const dims = graph?.shape.length === 1 ? [records.length] : [records.length, columns.length];
    const n = records.length * columns.length;
    if (input.type === 'string') {
      const values = new Array<string>(n);
      forEachCell(records, columns, (cell, k) => (values[k] = cell === null ? '' : String(cell)));
      return new ort.Tensor('string', values, dims);
    }
    if (input.type === 'int64') {
      const values = new BigInt64Array(n);
      forEachCell(records, columns, (cell, k, column, row) => {
        const v = toNumber(cell, column, row);
        if (!Number.isInteger(v)) throw badCell(column, row, cell, 'an integer');
        values[k] = BigInt(v);
      });
      return new ort.Tensor('int64', values, dims);
    }
    const values = input.type === 'float32' ? new Float32Array(n) : new Float64Array(n);
    forEachCell(
      records,
      columns,
      (cell, k, column, row) => (values[k] = cell === null ? NaN : toNumber(cell, column, row)),
    );
    return new ort.Tensor(input.type, values, dims);
  }
}

/**
 * The true values of the sidecar's target: numbers (regression) or class indexes 0..K-1
 * (classifiers); AppError 'invalid' naming the first row that has neither.
 */
export function targetValues(sidecar: Sidecar, records: readonly RawRecord[]): Float64Array {
  const out = new Float64Array(records.length);
  records.forEach((record, row) => {
    const cell = record[sidecar.target] ?? null;
    const v = cell === null ? NaN : toNumber(cell, sidecar.target, row);
    if (Number.isNaN(v)) throw badCell(sidecar.target, row, cell, 'a target value');
    if (sidecar.task !== 'regression' && !(Number.isInteger(v) && v >= 0)) {
      throw badCell(sidecar.target, row, cell, 'a class index 0, 1, ...');
    }
    out[row] = v;
  });
  return out;
}

function forEachCell(
  records: readonly RawRecord[],
  columns: readonly string[],
  visit: (cell: string | number | null, index: number, column: string, row: number) => void,
): void {
  records.forEach((record, row) => {
    columns.forEach((column, j) => {
      if (!(column in record)) {
        throw new AppError(
          'invalid',
          'missing_column',
          `The dataset has no column "${column}", which the sidecar feeds to the model`,
        );
      }
      visit(record[column] ?? null, row * columns.length + j, column, row);
    });
  });
}

function toNumber(cell: string | number | null, column: string, row: number): number {
  if (typeof cell === 'number') return cell;
  const v = cell === null || cell.trim() === '' ? NaN : Number(cell);
  if (Number.isNaN(v)) throw badCell(column, row, cell, 'a number');
  return v;
}

function badCell(column: string, row: number, cell: unknown, wanted: string): AppError {
  return new AppError(
    'invalid',
    'bad_type',
    `Column "${column}" row ${row + 1} is ${JSON.stringify(cell)}, not ${wanted}`,
    { column, row: row + 1 },
  );
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
