import type { Task } from '../../matrix';
import { OUTPUT } from '../contract';
import { DATA_TYPE } from '../proto/onnx-fields';
import type { GraphNode } from '../proto/model';

/**
 * Nodes turning raw double scores (logits, [N, 1] for binary, [N, K] for multiclass) into the
 * classifier outputs `label` int64 [N] and `probabilities` float [N, K].
 *
 * Binary scores become the two logits [0, s], so one Softmax gives (P(class 0), P(class 1)) =
 * (1/(1+e^s), 1/(1+e^-s)), each to full relative precision; `1 - sigmoid(s)` would lose P(class 0)
 * when s is large, and ORT's float Sigmoid clamps its input to [-18, 18]. Softmax runs in double
 * and the probabilities are rounded to float32 once, at the end. The label is the arg max of the
 * logits (ties go to the lower class index, as ArgMax selects the first maximum).
 */
export function classifierHead(task: Exclude<Task, 'regression'>, logits: string): GraphNode[] {
  const nodes: GraphNode[] = [];
  let classLogits = logits;
  if (task === 'binary') {
    // A zero column with the batch's shape without an initializer: s - s is 0 for finite s.
    nodes.push({ opType: 'Sub', name: 'zero_logit', inputs: [logits, logits], outputs: ['zero_logit'] });
    classLogits = 'class_logits';
    nodes.push({
      opType: 'Concat',
      name: 'class_logits',
      inputs: ['zero_logit', logits],
      outputs: [classLogits],
      attributes: [{ name: 'axis', value: { type: 'int', value: 1 } }],
    });
  }
  nodes.push(
    {
      opType: 'Softmax',
      name: 'softmax',
      inputs: [classLogits],
      outputs: ['probabilities_double'],
      attributes: [{ name: 'axis', value: { type: 'int', value: 1 } }],
    },
    castNode('probabilities_float', 'probabilities_double', OUTPUT.probabilities, 'float'),
    {
      opType: 'ArgMax',
      name: 'label',
      inputs: [classLogits],
      outputs: [OUTPUT.label],
      attributes: [
        { name: 'axis', value: { type: 'int', value: 1 } },
        { name: 'keepdims', value: { type: 'int', value: 0 } },
      ],
    },
  );
  return nodes;
}

/** A Cast node from `input` to the given element type. */
export function castNode(name: string, input: string, output: string, to: 'float' | 'double'): GraphNode {
  return {
    opType: 'Cast',
    name,
    inputs: [input],
    outputs: [output],
    attributes: [{ name: 'to', value: { type: 'int', value: DATA_TYPE[to] } }],
  };
}
