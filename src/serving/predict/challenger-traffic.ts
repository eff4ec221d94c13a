import type { TrialMoves } from '../../domain/trial';
import { AppError } from '../../errors';
import type { ChallengerRef, ModelCache } from '../model-cache/model-cache';
import type { ServedModel } from '../model-cache/served-model';

/** Shadow scorings waiting or running at once; beyond it a request's shadow is skipped. */
export const DEFAULT_MAX_SHADOW_BACKLOG = 16;

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
  /** Where a failed shadow scoring or retirement is reported; default nowhere. */
  readonly onError?: (err: unknown) => void;
}

/**
 * Routes predict traffic to a model's challenger: picks the canary share by a sticky hash of the
 * routing key, and runs shadow scorings after the answer is sent, at most `maxBacklog` at once
 * (the rest are skipped and counted), so a challenger never delays or fails production's answer.
 * A challenger whose artifact fails to load is retired with the reason, once.
 */
export class ChallengerTraffic {
  private pending = 0;
  private skippedCount = 0;
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

  /** Runs `work` after the current request has answered, unless the backlog is full. */
  afterAnswer(work: () => Promise<void>): boolean {
    if (this.pending >= (this.options.maxBacklog ?? DEFAULT_MAX_SHADOW_BACKLOG)) {
      this.skippedCount++;
      return false;
    }
    this.pending++;
    setImmediate(() => {
      work()
        .catch((err: unknown) => this.options.onError?.(err))
        .finally(() => this.pending--);
    });
    return true;
  }

  /** Shadow scorings skipped because the backlog was full. */
  get skipped(): number {
    return this.skippedCount;
  }

  /** Shadow scorings waiting or running. */
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
 * Where a routing key falls in [0, 1): FNV-1a of model and key with a final bit mix, so a client keeps its side for
 * the whole trial and each model splits its clients independently.
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
