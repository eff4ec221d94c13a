import { DataError } from '../errors';
import type { TrainedModel } from '../models/types';
import { IR_VERSION, OPSETS, PRODUCER_NAME, signatureFor } from './contract';
import { buildGraphBody } from './exporters/registry';
import type { ValueInfo } from './proto/model';
import { encodeModel } from './proto/model-writer';
import type { OnnxSignature, TensorInfo } from './signature';

/** Version of the graph layout this exporter writes; bump when the layout changes. */
export const EXPORT_FORMAT_VERSION = '1';

/** Metadata keys the exporter sets itself; callers cannot override them. */
const RESERVED_KEYS = ['model_kind', 'task', 'n_features', 'n_classes', 'export_format'];

export interface ExportOptions {
  /** Extra metadata_props, e.g. feature names or class labels as JSON; default none. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Graph name; default 'model'. */
  readonly graphName?: string;
  /** ModelProto.producer_version; default EXPORT_FORMAT_VERSION. */
  readonly producerVersion?: string;
}

export interface OnnxExport {
  /** The .onnx file. */
  readonly bytes: Uint8Array;
  /** The graph's inputs and outputs for the model card, as ONNX Runtime describes them. */
  readonly signature: OnnxSignature;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Exports a trained model as an ONNX file with the contract's signature (see contract.ts). */
export function exportOnnx(model: TrainedModel, options: ExportOptions = {}): OnnxExport {
  const nClasses = classCount(model);
  const body = buildGraphBody(model);
  const { inputs, outputs } = signatureFor(model.task, model.nFeatures, nClasses);
  for (const key of Object.keys(options.metadata ?? {})) {
    if (RESERVED_KEYS.includes(key))
      throw new DataError('bad_spec', `ONNX metadata key "${key}" is reserved`);
  }
  const metadata: Record<string, string> = {
    model_kind: model.kind,
    task: model.task,
    n_features: String(model.nFeatures),
    n_classes: String(nClasses),
    export_format: EXPORT_FORMAT_VERSION,
    ...options.metadata,
  };
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    opsets: OPSETS,
    producerName: PRODUCER_NAME,
    producerVersion: options.producerVersion ?? EXPORT_FORMAT_VERSION,
    graph: {
      name: options.graphName ?? 'model',
      nodes: body.nodes,
      inputs,
      outputs,
      initializers: body.initializers,
    },
    docString: body.description,
    metadata,
  });
  return { bytes, signature: { inputs: inputs.map(tensorInfo), outputs: outputs.map(tensorInfo) }, metadata };
}

const ORT_TYPE = { float: 'float32', double: 'float64', int64: 'int64' } as const;

function tensorInfo(v: ValueInfo): TensorInfo {
  return { name: v.name, type: ORT_TYPE[v.elemType], shape: [...v.shape] };
}

/** 1 for regression (one value column), 2 for binary, nOutputs for multiclass. */
function classCount(model: TrainedModel): number {
  if (!(model.nFeatures >= 1))
    throw new DataError('bad_model', `Cannot export a model of ${model.nFeatures} features`);
  if (model.task === 'multiclass') {
    if (model.nOutputs < 2)
      throw new DataError('bad_model', `A multiclass model needs 2 or more outputs, got ${model.nOutputs}`);
    return model.nOutputs;
  }
  if (model.nOutputs !== 1) {
    throw new DataError('bad_model', `A ${model.task} model has 1 output, got ${model.nOutputs}`);
  }
  return model.task === 'binary' ? 2 : 1;
}
