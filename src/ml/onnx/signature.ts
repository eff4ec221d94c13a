import type { InferenceSession } from 'onnxruntime-node';
import { DataError } from '../errors';
import type { Task } from '../matrix';
import { INPUT_NAME, OUTPUT } from './contract';

/** One graph input or output as ONNX Runtime reports it; type 'non-tensor' for maps and sequences. */
export interface TensorInfo {
  readonly name: string;
  readonly type: string;
  /** Fixed sizes as numbers, symbolic dimensions (the batch) as their names. */
  readonly shape: readonly (number | string)[];
}

export interface OnnxSignature {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
}

/** What the caller needs the model to take and give; nClasses is checked when given. */
export interface ExpectedSignature {
  readonly task: Task;
  readonly nFeatures: number;
  readonly nClasses?: number;
}

/** Inputs and outputs of a loaded session, for the model card and compatibility checks. */
export function describeSession(session: InferenceSession): OnnxSignature {
  const info = (m: InferenceSession.ValueMetadata): TensorInfo =>
    m.isTensor
      ? { name: m.name, type: m.type, shape: [...m.shape] }
      : { name: m.name, type: 'non-tensor', shape: [] };
  return { inputs: session.inputMetadata.map(info), outputs: session.outputMetadata.map(info) };
}

/**
 * Throws DataError 'bad_model' unless the graph has the contract's signature (contract.ts) for
 * the expected task and width; fixed dimensions are checked, symbolic ones accepted.
 */
export function checkCompatible(signature: OnnxSignature, expected: ExpectedSignature): void {
  const input = signature.inputs.find((i) => i.name === INPUT_NAME);
  if (signature.inputs.length !== 1 || !input) {
    fail(`must have one input "${INPUT_NAME}", it has ${list(signature.inputs)}`);
  }
  if (input.type !== 'float32' || input.shape.length !== 2) {
    fail(`input "${INPUT_NAME}" must be float32 [N, ${expected.nFeatures}], it is ${show(input)}`);
  }
  const width = input.shape[1];
  if (typeof width === 'number' && width !== expected.nFeatures) {
    fail(`input "${INPUT_NAME}" takes ${width} features, expected ${expected.nFeatures}`);
  }
  if (expected.task === 'regression') {
    requireOutput(signature, OUTPUT.value, 'float32', [1, 2], 1);
    return;
  }
  requireOutput(signature, OUTPUT.label, 'int64', [1], undefined);
  const classes = expected.nClasses ?? (expected.task === 'binary' ? 2 : undefined);
  requireOutput(signature, OUTPUT.probabilities, 'float32', [2], classes);
}

function requireOutput(
  signature: OnnxSignature,
  name: string,
  type: string,
  ranks: readonly number[],
  columns: number | undefined,
): void {
  const out = signature.outputs.find((o) => o.name === name);
  if (!out) fail(`lacks output "${name}" (${type}); its outputs are ${list(signature.outputs)}`);
  if (out.type !== type || !ranks.includes(out.shape.length)) {
    fail(`output "${name}" must be ${type} of rank ${ranks.join(' or ')}, it is ${show(out)}`);
  }
  const width = out.shape[1];
  if (columns !== undefined && typeof width === 'number' && width !== columns) {
    fail(`output "${name}" has ${width} columns, expected ${columns}`);
  }
}

function show(t: TensorInfo): string {
  return t.type === 'non-tensor' ? 'not a tensor' : `${t.type} [${t.shape.join(', ')}]`;
}

function list(items: readonly TensorInfo[]): string {
  return items.length === 0 ? 'none' : items.map((t) => `"${t.name}" (${show(t)})`).join(', ');
}

function fail(what: string): never {
  throw new DataError('bad_model', `ONNX model ${what}`);
}
