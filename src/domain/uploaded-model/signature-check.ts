import { AppError } from '../../errors';
import type { OnnxSignature, TensorInfo } from '../../ml/onnx';
import { inputColumns, type Sidecar } from './sidecar';

/** The outputs validation reads from an uploaded model, resolved against its graph. */
export interface UploadedOutputs {
  /** Regression: the predicted value; classifiers: the class probabilities [N, K]. */
  readonly name: string;
  /** Classes of a classifier when the graph fixes them, else undefined. */
  readonly nClasses?: number;
}

const NUMERIC = new Set(['float32', 'float64']);

/**
 * Checks that the graph takes exactly the sidecar's inputs (names, element types, widths) and
 * has the output its task needs; AppError 'invalid' code 'bad_model' naming the first mismatch.
 */
export function checkSidecarSignature(signature: OnnxSignature, sidecar: Sidecar): UploadedOutputs {
  const declared = new Set(sidecar.inputs.map((i) => i.name));
  const extra = signature.inputs.filter((i) => !declared.has(i.name)).map((i) => `"${i.name}"`);
  if (extra.length > 0) fail(`takes inputs the sidecar does not declare: ${extra.join(', ')}`);
  for (const input of sidecar.inputs) {
    const graph = signature.inputs.find((i) => i.name === input.name);
    if (!graph) fail(`has no input "${input.name}"; its inputs are ${list(signature.inputs)}`);
    if (graph.type !== input.type) {
      fail(`input "${input.name}" is ${show(graph)}, the sidecar says ${input.type}`);
    }
    const width = inputColumns(input).length;
    const rankOk = graph.shape.length === 2 || (graph.shape.length === 1 && width === 1);
    const fixed = graph.shape.length === 2 ? graph.shape[1] : 1;
    if (!rankOk || (typeof fixed === 'number' && fixed !== width)) {
      fail(`input "${input.name}" is ${show(graph)}, the sidecar feeds it ${width} column(s)`);
    }
  }
  return sidecar.task === 'regression'
    ? regressionOutput(signature, sidecar)
    : classifierOutput(signature, sidecar);
}

function regressionOutput(signature: OnnxSignature, sidecar: Sidecar): UploadedOutputs {
  const wanted = sidecar.outputs.prediction;
  const out = wanted === undefined ? signature.outputs[0] : signature.outputs.find((o) => o.name === wanted);
  if (!out) fail(`has no output "${wanted ?? '(any)'}"; its outputs are ${list(signature.outputs)}`);
  const width = out.shape.length === 2 ? out.shape[1] : 1;
  if (
    !NUMERIC.has(out.type) ||
    out.shape.length < 1 ||
    out.shape.length > 2 ||
    (typeof width === 'number' && width !== 1)
  ) {
    fail(`output "${out.name}" must be float32 or float64 [N] or [N, 1] for regression, it is ${show(out)}`);
  }
  return { name: out.name };
}

function classifierOutput(signature: OnnxSignature, sidecar: Sidecar): UploadedOutputs {
  const wanted = sidecar.outputs.probabilities ?? 'probabilities';
  const out = signature.outputs.find((o) => o.name === wanted);
  if (!out)
    fail(`has no output "${wanted}" (class probabilities); its outputs are ${list(signature.outputs)}`);
  if (!NUMERIC.has(out.type) || out.shape.length !== 2) {
    fail(`output "${out.name}" must be float [N, K] class probabilities, it is ${show(out)}`);
  }
  const k = out.shape[1];
  if (typeof k === 'number' && (k < 2 || (sidecar.task === 'binary' && k !== 2))) {
    fail(
      `output "${out.name}" has ${k} classes, a ${sidecar.task} model needs ${sidecar.task === 'binary' ? 2 : 'at least 2'}`,
    );
  }
  return { name: out.name, ...(typeof k === 'number' && { nClasses: k }) };
}

function show(t: TensorInfo): string {
  return t.type === 'non-tensor' ? 'not a tensor' : `${t.type} [${t.shape.join(', ')}]`;
}

function list(items: readonly TensorInfo[]): string {
  return items.length === 0 ? 'none' : items.map((t) => `"${t.name}" (${show(t)})`).join(', ');
}

function fail(what: string): never {
  throw new AppError('invalid', 'bad_model', `The uploaded ONNX model ${what}`);
}
