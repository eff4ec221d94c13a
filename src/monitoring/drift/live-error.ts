import { readTarget } from '../../ml/schema/coerce';
import { ClassTally } from './class-tally';
import type { LiveErrorScoring } from './live-error-scoring';

/** One ground-truth item as the feedback endpoint stores it. */
export interface FeedbackItem {
  readonly requestId: string;
  readonly row: number;
  readonly actual: number | string | boolean;
}

/**
 * Live error of the checked version on the logged rows that have feedback (plain JSON). A
 * regression breaches when its RMSE exceeds `limit` = validation RMSE x maxLiveErrorRatio; a
 * classifier when its compared metric (F1 if it was validated on F1, else accuracy) falls below
 * `limit` = 1 - (1 - validation value) x ratio (its shortfall from 1 grew by the ratio). No
 * breach below `minSamples` matched rows or without a baseline.
 */
export interface LiveError {
  readonly metric: 'rmse' | 'accuracy' | 'f1';
  /** The live value of `metric`, the one compared with the baseline; null when no actual was readable. */
  readonly value: number | null;
  /** Classifiers: both live values, whichever is compared. */
  readonly accuracy?: number;
  /** Classifiers: F1 of the positive class (binary) or macro F1 (multiclass). */
  readonly f1?: number;
  /** The version's validation value of the metric; null when the version has none. */
  readonly baseline: number | null;
  readonly limit: number | null;
  readonly breached: boolean;
  /** Feedback items joined with a logged row of the checked version. */
  readonly matched: number;
  /** Distinct feedback request ids that match no logged row (of the window or the lookback). */
  readonly unknownRequestIds: number;
  /** Matched feedback whose actual is no readable target (e.g. text for a regression): not scored. */
  readonly unreadableActuals: number;
}

export interface LiveErrorLimits {
  readonly maxLiveErrorRatio: number;
  readonly minSamples: number;
}

/** Joins feedback with logged rows by (requestId, row) as the rows stream past, then scores them. */
export class LiveErrorJoin {
  readonly #actuals = new Map<string, FeedbackItem['actual']>();
  readonly #requestIds = new Set<string>();
  readonly #seen = new Set<string>();
  /** Per request id, its feedback keys not yet joined with a row of the checked version. */
  readonly #pending = new Map<string, number>();
  #matched = 0;
  #unreadable = 0;
  #squares = 0;
  readonly #classes: ClassTally | undefined;

  constructor(
    feedback: Iterable<FeedbackItem>,
    private readonly scoring: LiveErrorScoring,
  ) {
    this.#classes = scoring.task === 'regression' ? undefined : new ClassTally(scoring.classes);
    for (const f of feedback) {
      const key = `${f.requestId}:${f.row}`;
      if (!this.#actuals.has(key)) this.#pending.set(f.requestId, (this.#pending.get(f.requestId) ?? 0) + 1);
      this.#actuals.set(key, f.actual);
      this.#requestIds.add(f.requestId);
    }
  }

  /** The metric compared with the version's validation value. */
  get metric(): LiveError['metric'] {
    return this.scoring.task === 'regression' ? 'rmse' : this.scoring.metric;
  }

  /**
   * One logged row; only `scored` rows (of the checked version) join feedback and count toward
   * the error. A row of another version leaves its feedback waiting: a trial logs the checked
   * version's row of the same request beside it (shadow, or production behind a canary), maybe
   * later in the log, and the lookback must go on looking for it.
   */
  observe(requestId: string, row: number, prediction: number | string, scored: boolean): void {
    if (!this.#requestIds.has(requestId)) return;
    this.#seen.add(requestId);
    const key = `${requestId}:${row}`;
    const actual = this.#actuals.get(key);
    if (actual === undefined || !scored) return;
    // Each feedback item joins one row of the checked version at most.
    this.#actuals.delete(key);
    this.#pending.set(requestId, (this.#pending.get(requestId) ?? 1) - 1);
    // The actual is read as training reads the target: "12.5" is 12.5, "n/a" is no label.
    const truth = readTarget(this.#classes === undefined, actual);
    if (truth === null || truth === undefined) {
      this.#unreadable++;
      return;
    }
    if (this.#classes) {
      this.#matched++;
      this.#classes.add(truth, prediction);
    } else if (typeof prediction === 'number') {
      this.#matched++;
      this.#squares += (prediction - (truth as number)) ** 2;
    }
  }

  /** Whether feedback of this request id is still waiting for a row of the checked version. */
  isPending(requestId: string): boolean {
    return (this.#pending.get(requestId) ?? 0) > 0;
  }

  /** Feedback items still waiting for a row of the checked version. */
  get pendingItems(): number {
    return this.#actuals.size;
  }

  /** Request ids of feedback seen in no logged row. */
  get unknownRequestIds(): number {
    return this.#requestIds.size - this.#seen.size;
  }

  /** The live error against the validation value; null when no feedback matched a logged row. */
  result(baseline: number | undefined, limits: LiveErrorLimits): LiveError | null {
    if (this.#matched === 0 && this.#unreadable === 0) return null;
    const ratio = limits.maxLiveErrorRatio;
    const scores = this.#classScores();
    const value =
      this.#matched === 0
        ? null
        : scores === undefined
          ? Math.sqrt(this.#squares / this.#matched)
          : this.metric === 'f1'
            ? scores.f1
            : scores.accuracy;
    const limit =
      baseline === undefined ? null : scores ? Math.max(0, 1 - (1 - baseline) * ratio) : baseline * ratio;
    const judged = limit !== null && this.#matched >= limits.minSamples;
    return {
      metric: this.metric,
      value,
      ...scores,
      baseline: baseline ?? null,
      limit,
      breached: judged && value !== null && (scores ? value < limit : value > limit),
      matched: this.#matched,
      unknownRequestIds: this.unknownRequestIds,
      unreadableActuals: this.#unreadable,
    };
  }

  #classScores(): { accuracy: number; f1: number } | undefined {
    if (!this.#classes || this.scoring.task === 'regression' || this.#matched === 0) return undefined;
    return { accuracy: this.#classes.accuracy(), f1: this.#classes.f1(this.scoring.task) };
  }
}
