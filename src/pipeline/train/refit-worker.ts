// Worker thread entry: trains the refit (the served model, on all rows) while the thread that
// started it trains the validated model, so the two fits of a drop share the machine's cores.
import { parentPort } from 'node:worker_threads';
import { trainModel } from './train-model';
import { toWorkerError } from './worker-messages';
import type { RefitJob, RefitReply } from './refit-off-thread';

const port = parentPort;
if (port) {
  port.on('message', (job: RefitJob) => {
    const post = (reply: RefitReply): void => port.postMessage(reply);
    try {
      const trained = trainModel(job.algorithm, job.input, job.params, (done, planned) =>
        post({ type: 'progress', id: job.id, done, planned }),
      );
      post({ type: 'result', id: job.id, trained });
    } catch (err) {
      post({ type: 'error', id: job.id, error: toWorkerError(err) });
    }
  });
}
