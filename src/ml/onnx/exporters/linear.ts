import { DataError } from '../../errors';
import type { LinearModel } from '../../models/types';
import { INPUT_NAME, OUTPUT } from '../contract';
import type { GraphNode } from '../proto/model';
import { castNode, classifierHead } from './classifier-head';
import type { GraphBody, ModelExporter } from './exporter';

/**
 * Linear models as MatMul + Add in double, then the classifier head (or a cast to float for
 * regression). Not ai.onnx.ml LinearRegressor/LinearClassifier: those hold float coefficients
 * and ORT sums in float, so a score that is a difference of large terms loses digits; the double
 * graph equals the engine's double w·x + b up to summation order, rounded to float32 once.
 */
export const linearExporter: ModelExporter<LinearModel> = {
  kind: 'linear',
  build(model: LinearModel): GraphBody {
    checkLinear(model);
    const { nFeatures: f, nOutputs: k } = model;
    const weights = new Float64Array(f * k);
    for (let out = 0; out < k; out++) {
      for (let j = 0; j < f; j++) weights[j * k + out] = model.weights[out][j];
    }
    const nodes: GraphNode[] = [
      castNode('features_double', INPUT_NAME, 'features_double', 'double'),
      { opType: 'MatMul', name: 'matmul', inputs: ['features_double', 'weights'], outputs: ['weighted'] },
      { opType: 'Add', name: 'intercept', inputs: ['weighted', 'intercepts'], outputs: ['logits'] },
    ];
    if (model.task === 'regression') nodes.push(castNode('variable', 'logits', OUTPUT.value, 'float'));
    else nodes.push(...classifierHead(model.task, 'logits'));
    return {
      nodes,
      initializers: [
        { name: 'weights', tensor: { elemType: 'double', dims: [f, k], data: weights } },
        {
          name: 'intercepts',
          tensor: { elemType: 'double', dims: [k], data: Float64Array.from(model.intercepts) },
        },
      ],
      description: `Linear model (${model.task}).`,
    };
  },
};

function checkLinear(model: LinearModel): void {
  const bad = (what: string) => new DataError('bad_model', `Cannot export the linear model: ${what}`);
  if (model.weights.length !== model.nOutputs || model.intercepts.length !== model.nOutputs) {
    throw bad(
      `${model.weights.length} weight rows and ${model.intercepts.length} intercepts for ${model.nOutputs} outputs`,
    );
  }
  model.weights.forEach((row, out) => {
    if (row.length !== model.nFeatures)
      throw bad(`output ${out} has ${row.length} weights for ${model.nFeatures} features`);
    if (!row.every(Number.isFinite)) throw bad(`output ${out} has a non-finite weight`);
  });
  if (!model.intercepts.every(Number.isFinite)) throw bad('an intercept is not finite');
}
