// Calls the app's HTTP routes through the local runtime, and seeds versions straight into the
// registry and blob store (status and bytes chosen by the test, no training needed).
import { createHash, randomBytes } from 'node:crypto';
import type { ModelVersion, VersionStatus } from '../../../src/domain/model-version';
import { FUNCTION_KEY } from '../../support/keys';
import type { Pipeline } from '../../support/runtime';
export { ADMIN_KEY, FEEDBACK_KEY, FUNCTION_KEY, OPERATOR_KEY } from '../../support/keys';

export interface CallOptions {
  key?: string | null;
  /** A JSON value, or a string sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The body parsed as JSON; undefined when empty or not JSON. */
  json: Record<string, unknown> & {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
}

/** Sends one request to `/api{path}`; the key defaults to the function key (null: none). */
export async function call(
  p: Pipeline,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const key = options.key === undefined ? FUNCTION_KEY : options.key;
  const headers: Record<string, string> = {
    ...(key !== null && { 'x-functions-key': key }),
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${p.runtime.url}/api${path}`, {
    method,
    headers,
    ...(body !== undefined && { body }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: Answer['json'] = {};
  try {
    json = JSON.parse(bytes.toString('utf8')) as Answer['json'];
  } catch {
    // binary or empty
  }
  return { status: res.status, headers: res.headers, bytes, json };
}

/** Registers a version with `status`, its artifact blob holding `bytes` (random by default). */
export async function seedVersion(
  p: Pipeline,
  model: string,
  status: VersionStatus,
  bytes: Buffer = randomBytes(64),
  statusReason?: string,
): Promise<ModelVersion> {
  const runId = `seed-${randomBytes(6).toString('hex')}`;
  const path = `${model}/${runId}/model.onnx`;
  await p.adapters.blobs.upload(p.config.containers.models, path, bytes);
  const v = await p.adapters.registry.createVersion({
    model,
    status: 'candidate',
    runId,
    source: 'trained',
    metrics: {},
    sliceMetrics: [],
    gates: [],
    params: {},
    featureSchema: { inputs: [] },
    trainingProfile: {},
    artifact: { path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length },
  });
  if (status === 'candidate') return v;
  return p.adapters.registry.updateVersionStatus(model, v.version, status, {
    ...(statusReason !== undefined && { reason: statusReason }),
  });
}
