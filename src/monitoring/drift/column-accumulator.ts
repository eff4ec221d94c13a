import type { ColumnProfile } from '../../ml/profile/types';

/** Largest current sample kept per numeric column for the Wasserstein distance (bounded memory). */
export const RESERVOIR_SIZE = 2000;

/**
 * Running counts of one column on its profile's bins: quantile-edge histogram (numeric) or
 * category counts plus "other" (categorical), with a fixed-size reservoir sample of numeric values.
 */
export class ColumnAccumulator {
  readonly counts: number[];
  readonly reservoir: number[] = [];
  count = 0;
  missing = 0;
  typeErrors = 0;
  outOfRange = 0;
  private seen = 0;
  private seed = 12345;
  private readonly index: Map<string, number>;

  constructor(readonly profile: ColumnProfile) {
    if (profile.type === 'numeric') {
      this.counts = new Array<number>(profile.cuts.length + 1).fill(0);
      this.index = new Map();
    } else {
      this.counts = new Array<number>(profile.categories.length + 1).fill(0);
      this.index = new Map(profile.categories.map((c, i) => [c.value, i]));
    }
  }

  /** Adds one raw logged value. */
  add(value: unknown): void {
    if (value === null || value === undefined || value === '') {
      this.missing++;
      return;
    }
    if (this.profile.type === 'numeric')
      this.addNumber(value, this.profile.cuts, this.profile.min, this.profile.max);
    else this.addLabel(value);
  }

  private addNumber(value: unknown, cuts: readonly number[], min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.typeErrors++;
      this.missing++;
      return;
    }
    this.count++;
    if (value < min || value > max) this.outOfRange++;
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (value <= cuts[mid]) hi = mid;
      else lo = mid + 1;
    }
    this.counts[lo]++;
    this.sample(value);
  }

  private addLabel(value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      this.typeErrors++;
      this.missing++;
      return;
    }
    this.count++;
    this.counts[this.index.get(String(value)) ?? this.counts.length - 1]++;
  }

  // Algorithm R with a fixed-seed LCG so a check is reproducible.
  private sample(value: number): void {
    this.seen++;
    if (this.reservoir.length < RESERVOIR_SIZE) {
      this.reservoir.push(value);
      return;
    }
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
    const j = Math.floor((this.seed / 2 ** 32) * this.seen);
    if (j < RESERVOIR_SIZE) this.reservoir[j] = value;
  }
}
