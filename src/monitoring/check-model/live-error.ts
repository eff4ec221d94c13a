/** One ground-truth item as the feedback endpoint stores it. */
export interface FeedbackItem {
  readonly requestId: string;
  readonly row: number;
  readonly actual: number | string | boolean;
}

/**
 * Live error of the checked version on the logged rows that have feedback (plain JSON). A
 * regression breaches when its RMSE exceeds `limit` = validation RMSE x maxLiveErrorRatio; a
 * classifier when its accuracy falls below `limit` = 1 - (1 - validation accuracy) x ratio (its
 * error rate grew by the ratio). No breach below `minSamples` matched rows or without a baseline.
 */
export interface LiveError {
  readonly metric: 'rmse' | 'accuracy';
  readonly value: number;
  /** The version's validation value of the metric; null when the version has none. */
  readonly baseline: number | null;
  readonly limit: number | null;
  readonly breached: boolean;
  /** Feedback items joined with a logged row of the checked version. */
  readonly matched: number;
  /** Distinct feedback request ids that match no logged row (of the window or the lookback). */
  readonly unknownRequestIds: number;
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
  readonly #pending = new Map<string, number>();
  #matched = 0;
  #squares = 0;
  #correct = 0;

  constructor(
    feedback: Iterable<FeedbackItem>,
    private readonly classifier: boolean,
  ) {
    for (const f of feedback) {
      const key = `${f.requestId}:${f.row}`;
      if (!this.#actuals.has(key)) this.#pending.set(f.requestId, (this.#pending.get(f.requestId) ?? 0) + 1);
      this.#actuals.set(key, f.actual);
      this.#requestIds.add(f.requestId);
    }
  }

  /** The metric scored: RMSE for regression, accuracy for classifiers. */
  get metric(): LiveError['metric'] {
    return this.classifier ? 'accuracy' : 'rmse';
  }

  /** One logged row; only `scored` rows (of the checked version) count toward the error. */
  observe(requestId: string, row: number, prediction: number | string, scored: boolean): void {
    if (!this.#requestIds.has(requestId)) return;
    this.#seen.add(requestId);
    const key = `${requestId}:${row}`;
    const actual = this.#actuals.get(key);
    if (actual === undefined) return;
    // Each feedback item joins one logged row at most.
    this.#actuals.delete(key);
    this.#pending.set(requestId, (this.#pending.get(requestId) ?? 1) - 1);
    if (!scored) return;
    if (this.classifier) {
      this.#matched++;
      if (String(prediction) === String(actual)) this.#correct++;
    } else if (typeof actual === 'number' && typeof prediction === 'number') {
      this.#matched++;
      this.#squares += (prediction - actual) ** 2;
    }
  }

  /** Whether feedback of this request id is still waiting for its logged row. */
  isPending(requestId: string): boolean {
    return (this.#pending.get(requestId) ?? 0) > 0;
  }

  /** Feedback items still waiting for their logged row. */
  get pendingItems(): number {
    return this.#actuals.size;
  }

  /** Request ids of feedback seen in no logged row. */
  get unknownRequestIds(): number {
    return this.#requestIds.size - this.#seen.size;
  }

  /** The live error against the validation value; null when no feedback matched a row. */
  result(baseline: number | undefined, limits: LiveErrorLimits): LiveError | null {
    if (this.#matched === 0) return null;
    const ratio = limits.maxLiveErrorRatio;
    const value = this.classifier ? this.#correct / this.#matched : Math.sqrt(this.#squares / this.#matched);
    const limit =
      baseline === undefined
        ? null
        : this.classifier
          ? Math.max(0, 1 - (1 - baseline) * ratio)
          : baseline * ratio;
    const judged = limit !== null && this.#matched >= limits.minSamples;
    return {
      metric: this.metric,
      value,
      baseline: baseline ?? null,
      limit,
      breached: judged && (this.classifier ? value < limit : value > limit),
      matched: this.#matched,
      unknownRequestIds: this.unknownRequestIds,
    };
  }
}
