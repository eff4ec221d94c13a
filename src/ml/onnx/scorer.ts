import * as ort from 'onnxruntime-node';
import { DataError } from '../errors';
import type { FeatureMatrix } from '../matrix';
import { INPUT_NAME, OUTPUT } from './contract';
import { toRowMajor } from './row-major';
import { checkCompatible, describeSession, type ExpectedSignature, type OnnxSignature } from './signature';

export interface ScorerOptions {
  /** ONNX Runtime intra-op threads; default 1, as the Function host runs many requests at once. */
  readonly intraOpThreads?: number;
}

export interface Scores {
  /** Regression: the predicted value; classifiers: the class index. One per row. */
  readonly predictions: Float32Array;
  /** Classifiers only: row-major [nRows * nClasses]. */
  readonly probabilities?: Float32Array;
  readonly nClasses?: number;
}

/**
 * An ONNX model loaded in ONNX Runtime and checked against the signature the caller expects.
 * `score` runs on the main thread (ORT-node's session.run): split very large batches upstream.
 */
export class OnnxScorer {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly signature: OnnxSignature,
    readonly expected: ExpectedSignature,
  ) {}

  /** Loads ONNX bytes; DataError 'bad_model' if they do not parse or do not match `expected`. */
  static async load(
    bytes: Uint8Array,
    expected: ExpectedSignature,
    options: ScorerOptions = {},
  ): Promise<OnnxScorer> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: options.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (err) {
      throw new DataError('bad_model', `ONNX Runtime cannot load the model: ${firstLine(err)}`);
    }
    const signature = describeSession(session);
    try {
      checkCompatible(signature, expected);
    } catch (err) {
      await session.release();
      throw err;
    }
    return new OnnxScorer(session, signature, expected);
  }

  /** Scores every row; the matrix must have the model's width (else DataError 'bad_model'). */
  async score(m: FeatureMatrix): Promise<Scores> {
    const f = this.expected.nFeatures;
    if (m.columns.length !== f) {
      throw new DataError('bad_model', `The model expects ${f} features, got ${m.columns.length}`, {
        expected: f,
        got: m.columns.length,
      });
    }
    const classifier = this.expected.task !== 'regression';
    if (m.nRows === 0) return this.empty(classifier);
    const input = new ort.Tensor('float32', toRowMajor(m), [m.nRows, f]);
    const names = classifier ? [OUTPUT.label, OUTPUT.probabilities] : [OUTPUT.value];
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await this.session.run({ [INPUT_NAME]: input }, names);
    } catch (err) {
      throw new DataError('bad_model', `ONNX Runtime failed to score ${m.nRows} rows: ${firstLine(err)}`);
    }
    if (!classifier) return { predictions: floats(out, OUTPUT.value, m.nRows) };
    const labels = out[OUTPUT.label].data;
    if (!(labels instanceof BigInt64Array) || labels.length !== m.nRows) {
      throw new DataError('bad_model', `ONNX model output "${OUTPUT.label}" is not ${m.nRows} int64 labels`);
    }
    const predictions = Float32Array.from(labels, Number);
    const probabilities = floats(out, OUTPUT.probabilities, m.nRows);
    return { predictions, probabilities, nClasses: probabilities.length / m.nRows };
  }

  private empty(classifier: boolean): Scores {
    if (!classifier) return { predictions: new Float32Array(0) };
    const width = this.signature.outputs.find((o) => o.name === OUTPUT.probabilities)?.shape[1];
    const nClasses = this.expected.nClasses ?? (typeof width === 'number' ? width : 0);
    return { predictions: new Float32Array(0), probabilities: new Float32Array(0), nClasses };
  }

  /** Frees the native session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}

/** The float32 data of an output with a whole number of values per row. */
function floats(out: ort.InferenceSession.OnnxValueMapType, name: string, nRows: number): Float32Array {
  const data = out[name].data;
  if (!(data instanceof Float32Array) || data.length === 0 || data.length % nRows !== 0) {
    throw new DataError('bad_model', `ONNX model output "${name}" is not float32 values for ${nRows} rows`);
  }
  return data;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
