import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors';

/** What a trial load may use: V8 heap sizes (MB), stack, and time. */
export interface TrialLoadLimits {
  readonly maxOldGenerationSizeMb: number;
  readonly maxYoungGenerationSizeMb: number;
  readonly stackSizeMb: number;
  readonly timeoutMs: number;
}

export const TRIAL_LOAD_LIMITS: TrialLoadLimits = {
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 64,
  stackSizeMb: 4,
  timeoutMs: 60_000,
};

// Plain CommonJS run with `eval`, so it needs no compiled file beside this one; onnxruntime-node
// is required by the path the parent resolved.
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const ort = require(workerData.ort);
(async () => {
  const session = await ort.InferenceSession.create(workerData.bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  await session.release();
  parentPort.postMessage({ ok: true });
})().catch((err) => {
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err).split('\\n')[0] });
});
`;

type Reply = { ok: true } | { ok: false; message: string };

/**
 * Loads an uploaded ONNX model once in a worker thread with memory limits and a time limit,
 * before the host loads it: a file that makes the loader run out of memory, hang or fail ends
 * the worker, not the host. Resolves when it loads; AppError 'invalid' 'bad_model' saying what
 * happened otherwise. ONNX Runtime's own (native) allocations are outside V8's limits: sizes are
 * capped before this (MAX_UPLOADED_MODEL_BYTES).
 */
export function trialLoad(bytes: Uint8Array, limits: TrialLoadLimits = TRIAL_LOAD_LIMITS): Promise<void> {
  const { timeoutMs, ...resourceLimits } = limits;
  const worker = new Worker(SCRIPT, {
    eval: true,
    workerData: { ort: require.resolve('onnxruntime-node'), bytes },
    resourceLimits,
    stdout: true,
    stderr: true,
  });
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: AppError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const refuse = (why: string): AppError =>
      new AppError('invalid', 'bad_model', `ONNX Runtime cannot load the uploaded model: ${why}`);
    const timer = setTimeout(
      () => settle(refuse(`it did not load within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    );
    worker.on('message', (reply: Reply) => settle(reply.ok ? undefined : refuse(reply.message)));
    worker.on('error', (err: Error & { code?: string }) =>
      settle(
        refuse(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `loading it ran out of memory (limit ${limits.maxOldGenerationSizeMb} MB)`
            : err.message.split('\n')[0]!,
        ),
      ),
    );
    worker.on('exit', (code) => settle(refuse(`the loader stopped (exit code ${code}) before answering`)));
  });
}
