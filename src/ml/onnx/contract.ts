import type { Task } from '../matrix';
import type { OpsetImport, ValueInfo } from './proto/model';

/**
 * The graph signature every exported (and every brought-your-own) model must have: one float
 * input `features` [N, F]; regression outputs `variable` float [N, 1]; classifiers output `label`
 * int64 [N] (the class index) and `probabilities` float [N, K]. Tensors only: ORT-node cannot
 * return ZipMap's sequence of maps.
 */
export const INPUT_NAME = 'features';
export const OUTPUT = { value: 'variable', label: 'label', probabilities: 'probabilities' } as const;

/** Symbolic batch dimension. */
export const BATCH_DIM = 'N';

/**
 * IR 8 with opset 17 and ai.onnx.ml 3: every operator we emit exists there, and runtimes from
 * ORT 1.13 on load it, so edge clients on older runtimes can still run the artifact.
 */
export const IR_VERSION = 8;
export const OPSETS: readonly OpsetImport[] = [
  { domain: '', version: 17 },
  { domain: 'ai.onnx.ml', version: 3 },
];

export const PRODUCER_NAME = 'mlops-functions';

/** Input and output value infos of the graph for a task with F features and K classes. */
export function signatureFor(
  task: Task,
  nFeatures: number,
  nClasses: number,
): {
  inputs: ValueInfo[];
  outputs: ValueInfo[];
} {
  const inputs: ValueInfo[] = [{ name: INPUT_NAME, elemType: 'float', shape: [BATCH_DIM, nFeatures] }];
  if (task === 'regression') {
    return { inputs, outputs: [{ name: OUTPUT.value, elemType: 'float', shape: [BATCH_DIM, 1] }] };
  }
  return {
    inputs,
    outputs: [
      { name: OUTPUT.label, elemType: 'int64', shape: [BATCH_DIM] },
      { name: OUTPUT.probabilities, elemType: 'float', shape: [BATCH_DIM, nClasses] },
    ],
  };
}
