import type { TrialMoves } from '../../domain/trial';
import { AppError } from '../../errors';
import type { ChallengerRef, ModelCache } from '../model-cache/model-cache';
import type { ScoredRows, ServedModel } from '../model-cache/served-model';
import { scoreInChunks } from './score-in-chunks';

/** Requests waiting for or in shadow scoring at once; beyond it a request's shadow is skipped. */
export const DEFAULT_MAX_SHADOW_BACKLOG = 512;

/** Shadow rows gathered before they are scored at once, and the longest a request waits for it. */
const SHADOW_BATCH_ROWS = 1000;
const SHADOW_BATCH_MS = 5;

interface ShadowJob {
  readonly served: ServedModel;
  readonly records: readonly unknown[];
  /** The rows were checked against `served` already (production, behind a canary). */
  readonly validated: boolean;
  readonly done: (scored: ScoredRows) => Promise<void>;
}

/** The model cache's errors that say the challenger's artifact itself cannot be served. */
const ARTIFACT_FAILURES = new Set(['artifact_missing', 'artifact_mismatch', 'model_load_failed']);

/** How the challenger meets one request: it answers it (canary pick) or is scored beside it. */
export interface ChallengerPlan {
  readonly served: ServedModel;
  readonly answers: boolean;
}

export interface ChallengerTrafficOptions {
  readonly cache: Pick<ModelCache, 'challenger' | 'resolve' | 'forgetChallenger'>;
  /** Retires a challenger whose artifact does not load (once per version). */
  readonly moves: Pick<TrialMoves, 'retire'>;
  readonly maxBacklog?: number;
  /** How long shadow rows are gathered before they are scored at once; default 5 ms. */
  readonly batchMs?: number;
  /** Where a failed shadow scoring or retirement is reported; default nowhere. */
  readonly onError?: (err: unknown) => void;
}

/**
 * Routes predict traffic to a model's challenger: picks the canary share by a sticky hash of the
 * routing key, and scores shadow rows after the answer is sent, batched across requests, at most
 * `maxBacklog` requests at once (the rest are skipped and counted), so a challenger never delays
 * or fails production's answer.
 * A challenger whose artifact fails to load is retired with the reason, once.
 */
export class ChallengerTraffic {
  private pending = 0;
  private skippedCount = 0;
  private readonly queue: ShadowJob[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly retiring = new Set<string>();

  constructor(private readonly options: ChallengerTrafficOptions) {}

  /** The challenger's part in a request to `model`'s production version; undefined when none. */
  async plan(
    model: string,
    productionVersion: number,
    routingKey: string,
  ): Promise<ChallengerPlan | undefined> {
    const ref = await this.options.cache.challenger(model);
    if (!ref || ref.version === productionVersion) return undefined;
    let served: ServedModel;
    try {
      served = await this.options.cache.resolve(model, ref.version);
    } catch (err) {
      this.failedToLoad(model, ref, err);
      return undefined;
    }
    const answers = ref.trial.mode === 'canary' && routingShare(model, routingKey) < (ref.trial.share ?? 0);
    return { served, answers };
  }

  /**
   * Scores `records` with `served` after the current request has answered, and hands the result
   * to `done` (which logs it). Requests are gathered for a few ms and scored in one ONNX call
   * per version: one call for many rows costs a fraction of one call per request, so the shadow
   * takes little from the requests that follow. `validated`: the rows were checked against
   * `served` already. False when the backlog is full (skipped).
   */
  shadow(
    served: ServedModel,
    records: readonly unknown[],
    done: (scored: ScoredRows) => Promise<void>,
    validated = false,
  ): boolean {
    if (this.pending >= (this.options.maxBacklog ?? DEFAULT_MAX_SHADOW_BACKLOG)) {
      this.skippedCount++;
      return false;
    }
    this.pending++;
    this.queue.push({ served, records, validated, done });
    this.queuedRows += records.length;
    if (this.queuedRows >= SHADOW_BATCH_ROWS) this.flushSoon(0);
    else this.flushSoon(this.options.batchMs ?? SHADOW_BATCH_MS);
    return true;
  }

  private flushSoon(ms: number): void {
    if (this.timer !== undefined && ms > 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    const jobs = this.queue.splice(0);
    this.queuedRows = 0;
    const byVersion = new Map<ServedModel, ShadowJob[]>();
    for (const job of jobs) {
      const group = byVersion.get(job.served);
      if (group) group.push(job);
      else byVersion.set(job.served, [job]);
    }
    for (const [served, group] of byVersion) {
      try {
        await this.scoreGroup(served, group);
      } catch (err) {
        this.options.onError?.(err);
      } finally {
        this.pending -= group.length;
      }
    }
  }

  // One call for the group; when a row of it is refused while encoding, each request is scored
  // alone so one bad request does not cost the others their shadow rows.
  private async scoreGroup(served: ServedModel, group: readonly ShadowJob[]): Promise<void> {
    const valid = group.filter((job) => job.validated || served.validate(job.records).length === 0);
    let all: ScoredRows;
    try {
      all = await scoreInChunks(
        served,
        valid.flatMap((job) => job.records),
      );
    } catch {
      for (const job of valid) {
        const one = await scoreInChunks(served, job.records).catch(() => undefined);
        if (one) await job.done(one);
      }
      return;
    }
    let at = 0;
    for (const job of valid) {
      const end = at + job.records.length;
      const part: ScoredRows = {
        predictions: all.predictions.slice(at, end),
        ...(all.probabilities && { probabilities: all.probabilities.slice(at, end) }),
      };
      at = end;
      await job.done(part);
    }
  }

  /** Shadow scorings skipped because the backlog was full. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** Requests waiting for or in shadow scoring. */
  get backlog(): number {
    return this.pending;
  }

  // An unknown or unservable version means the alias read is stale (the trial just ended) and
  // an unavailable store may come back: only an artifact that is missing, altered or does not
  // load retires the trial.
  private failedToLoad(model: string, ref: ChallengerRef, err: unknown): void {
    if (err instanceof AppError && !ARTIFACT_FAILURES.has(err.code)) return;
    const key = `${model}/${ref.version}`;
    if (this.retiring.has(key)) return;
    this.retiring.add(key);
    const why = err instanceof Error ? err.message : String(err);
    this.options.moves
      .retire(model, ref.version, 'failed_to_load', `its artifact failed to load for serving: ${why}`)
      .then(() => this.options.cache.forgetChallenger(model))
      .catch((e: unknown) => {
        this.retiring.delete(key); // retried by a later request
        this.options.onError?.(e);
      });
  }
}

/**
 * Where a routing key falls in [0, 1): FNV-1a of model and key with a final bit mix, so a client
 * keeps its side for the whole trial and each model splits its clients independently.
 */
export function routingShare(model: string, key: string): number {
  let hash = 0x811c9dc5;
  const text = `${model}\u0000${key}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV alone leaves keys that differ in their last characters close together: mix the bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
