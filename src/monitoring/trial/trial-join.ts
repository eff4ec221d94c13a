import type { LogRow } from '../../domain/log-row';
import type { TrialTotals } from '../../domain/trial';
import { readTarget } from '../../ml/schema/coerce';
import { addPair, emptyTotals, type PairedErrorMetric } from '../../ml/stats/paired-errors';
import type { FeedbackItem } from '../drift/live-error';

/** Who is on trial against whom, and how a row's error is measured. */
export interface TrialSides {
  readonly production: number;
  readonly challenger: number;
  readonly metric: PairedErrorMetric;
  /** ISO start of the trial: feedback on rows logged before it cannot be paired and is not counted. */
  readonly since: string;
}

interface Pending {
  readonly actual: FeedbackItem['actual'];
  production?: number | string;
  challenger?: number | string;
  /** Time of the first row of the pair seen. */
  time?: string;
}

/**
 * Pairs feedback with both versions' predictions of the same (requestId, row), as the rows
 * stream past (window and lookback alike): production's and the challenger's rows of one request
 * are logged together by the trial (one answered, one shadow).
 */
export class TrialJoin {
  readonly #items = new Map<string, Pending>();
  readonly #open = new Map<string, number>();
  #incomplete = 0;

  constructor(
    feedback: Iterable<FeedbackItem>,
    private readonly sides: TrialSides,
  ) {
    for (const f of feedback) {
      const key = `${f.requestId}:${f.row}`;
      if (this.#items.has(key)) continue;
      this.#items.set(key, { actual: f.actual });
      this.#open.set(f.requestId, (this.#open.get(f.requestId) ?? 0) + 1);
      this.#incomplete++;
    }
  }

  /** One logged row of any version. */
  observe(row: Pick<LogRow, 'requestId' | 'row' | 'version' | 'prediction' | 'time'>): void {
    const side =
      row.version === this.sides.production
        ? 'production'
        : row.version === this.sides.challenger
          ? 'challenger'
          : undefined;
    if (!side) return;
    const item = this.#items.get(`${row.requestId}:${row.row}`);
    if (!item || item[side] !== undefined) return;
    item[side] = row.prediction;
    item.time ??= row.time;
    if (item.production !== undefined && item.challenger !== undefined) {
      this.#incomplete--;
      this.#open.set(row.requestId, (this.#open.get(row.requestId) ?? 1) - 1);
    }
  }

  /** Whether feedback of this request id still waits for one of its two rows. */
  isPending(requestId: string): boolean {
    return (this.#open.get(requestId) ?? 0) > 0;
  }

  /** Feedback items not yet paired. */
  get pendingItems(): number {
    return this.#incomplete;
  }

  /**
   * The window's sums: pairs whose actual reads as a target; `unpaired` counts feedback on rows
   * of the trial that only one of the two versions scored (the other could not read them).
   */
  totals(through: string): TrialTotals {
    const t = emptyTotals();
    let unpaired = 0;
    const regression = this.sides.metric !== 'error_rate';
    for (const item of this.#items.values()) {
      if (item.production === undefined || item.challenger === undefined) {
        if (
          (item.production !== undefined || item.challenger !== undefined) &&
          item.time! >= this.sides.since
        ) {
          unpaired++;
        }
        continue;
      }
      const truth = readTarget(regression, item.actual);
      if (truth === null || truth === undefined) continue;
      if (regression && (typeof item.production !== 'number' || typeof item.challenger !== 'number'))
        continue;
      addPair(t, this.sides.metric, truth, item.production, item.challenger);
    }
    return { ...t, unpaired, through };
  }
}
