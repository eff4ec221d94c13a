import { setting } from '../setting';
import { positiveInt } from '../value-schemas';

// Size limits of data drops, uploads and request bodies.

export const LIMIT_SETTINGS = limitSettings();

function limitSettings() {
  const l = <N extends string>(name: N, value: string, what: string) =>
    setting({
      name,
      description: `Largest ${what}; larger is refused.`,
      default: value,
      sample: value,
      expected: 'a positive whole number',
      schema: positiveInt,
    });
  return [
    l('MAX_DATASET_BYTES', String(256 * 1024 * 1024), 'data drop in bytes'),
    l('MAX_DATASET_ROWS', '5000000', 'data drop in rows'),
    l('MAX_PREDICT_ROWS', '10000', 'predict request in rows'),
    l('MAX_PREDICT_BYTES', String(4 * 1024 * 1024), 'predict request body in bytes'),
    l('MAX_DATASET_COLUMNS', '1000', 'data drop in columns'),
    l(
      'MAX_UPLOADED_MODEL_BYTES',
      String(256 * 1024 * 1024),
      'uploaded ONNX model in bytes (checked before it is read)',
    ),
    l(
      'MAX_SIDECAR_BYTES',
      String(64 * 1024),
      "uploaded model's JSON sidecar in bytes (checked before it is read)",
    ),
    l('MAX_REGISTRY_BODY_BYTES', String(64 * 1024), 'spec, promotion or retrain request body in bytes (413)'),
    l('MAX_FEEDBACK_BODY_BYTES', String(1024 * 1024), 'feedback request body in bytes (413)'),
  ] as const;
}
