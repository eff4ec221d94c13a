// Worker thread entry: runs fitDataset so training never blocks the Functions host's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { fitDataset } from './fit-dataset';
import { toWorkerError, type WorkerInput, type WorkerReply } from './worker-messages';

const port = parentPort;
if (port) {
  const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);
  const { input } = workerData as WorkerInput;
  fitDataset(input, (progress) => post({ type: 'progress', progress }))
    .then((result) => post({ type: 'result', result }, [result.onnx.buffer as ArrayBuffer]))
    .catch((err: unknown) => post({ type: 'error', error: toWorkerError(err) }));
}
