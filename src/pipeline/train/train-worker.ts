// Worker thread entry: runs fitDataset jobs so training never blocks the host's event loop.
// The worker stays up between jobs, so later trainings run on warmed-up (JIT-compiled) code.
import { parentPort } from 'node:worker_threads';
import { fitDataset } from './fit-dataset';
import { toWorkerError, type WorkerJob, type WorkerReply } from './worker-messages';

const port = parentPort;
if (port) {
  port.on('message', (job: WorkerJob) => {
    const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void =>
      port.postMessage(reply, transfer);
    fitDataset(job.input, (progress) => post({ type: 'progress', id: job.id, progress }))
      .then((result) => post({ type: 'result', id: job.id, result }, [result.onnx.buffer as ArrayBuffer]))
      .catch((err: unknown) => post({ type: 'error', id: job.id, error: toWorkerError(err) }));
  });
}
