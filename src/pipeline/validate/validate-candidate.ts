import { AppError } from '../../errors';
import type { RegisterRequest, ValidateRequest } from '../../domain/messages';
import type { PipelineDeps } from '../pipeline-deps';
import { stepMessageId } from '../../domain/ids';
import { isFinished, updateRun } from '../../domain/run-record';
import { parseHoldout } from '../train/holdout-file';
import { judgeCandidate } from './judge-candidate';
import { loadVersionFiles } from './version-files';

/** What the validate step did. */
export type ValidateOutcome =
  | { readonly kind: 'already_done'; readonly runId: string }
  | {
      readonly kind: 'judged';
      readonly version: number;
      readonly passed: boolean;
      readonly reasons: string[];
    };

/**
 * Validates a candidate: scores its holdout with ONNX Runtime, checks parity with the engine,
 * metrics, slices, bias and gates against production on the same rows; stores all of it on the
 * version and asks for registration with the verdict and every reason. Safe to redo.
 */
export async function validateCandidate(deps: PipelineDeps, req: ValidateRequest): Promise<ValidateOutcome> {
  const { model, runId } = req;
  if (isFinished(await deps.registry.getRun(model, runId))) return { kind: 'already_done', runId };
  const number = req.version ?? (await deps.registry.findVersionByRun(model, runId))?.version;
  if (number === undefined) {
    throw new AppError(
      'invalid',
      'no_candidate',
      `Run ${runId} of ${model} has no candidate version to validate`,
    );
  }
  const t0 = performance.now();
  await updateRun(deps, model, runId, { stage: 'validate', progress: 0, version: number });
  const { card, onnx } = await loadVersionFiles(deps, model, number);
  const holdoutBlob = await deps.blobs.downloadToBuffer(deps.settings.containers.models, card.holdout.path);
  const holdout = parseHoldout(holdoutBlob.data.toString('utf8'));
  const judged = await judgeCandidate(deps, card, onnx, holdout);
  await deps.registry.updateVersion(model, number, {
    metrics: judged.metrics,
    sliceMetrics: judged.sliceMetrics,
    gates: judged.gates,
    ...(judged.comparison ? { comparison: judged.comparison } : {}),
  });
  const message: RegisterRequest = {
    schema: 1,
    kind: 'register',
    model,
    runId,
    version: number,
    passed: judged.passed,
    reasons: judged.reasons,
    ...(judged.championVersion !== undefined ? { championVersion: judged.championVersion } : {}),
  };
  await deps.queue.send(deps.settings.queues.register, message, {
    messageId: stepMessageId('register', model, runId),
  });
  const validateMs = Math.round(performance.now() - t0);
  await updateRun(deps, model, runId, { stage: 'register', progress: 0, timings: { validate: validateMs } });
  deps.telemetry?.metric('ValidationDurationMs', validateMs, {
    model,
    version: String(number),
    passed: String(judged.passed),
  });
  return { kind: 'judged', version: number, passed: judged.passed, reasons: judged.reasons };
}
