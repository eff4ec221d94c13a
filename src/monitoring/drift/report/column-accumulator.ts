import { midQuantiles } from '../../../ml/profile/quantiles';
import type { CategoricalProfile, ColumnProfile, NumericProfile } from '../../../ml/profile/types';
import { coerceValue, type FieldType } from '../../../ml/schema/coerce';

/** Largest current sample kept per numeric column for the Wasserstein distance (bounded memory). */
export const RESERVOIR_SIZE = 2000;

/** Mid-quantiles kept of a window's numeric values: its stored distribution, a later check's reference. */
export const CURRENT_QUANTILES = 50;

/**
 * Running counts of one input on its training profile's bins: quantile-edge histogram (numeric) or
 * category counts plus "other" (categorical, boolean), with a fixed-size reservoir sample of
 * numeric values. Each raw logged value is read by the field's type with the very rule predict
 * uses (coerceValue): a numeric string is a number, an NA token is missing, a value of the wrong
 * type is unreadable.
 */
export class ColumnAccumulator {
  readonly counts: number[];
  readonly reservoir: number[] = [];
  /** Readable values. */
  count = 0;
  /** Absent, null or an NA token. */
  missing = 0;
  /** Present but not readable as the field's type (e.g. "ten" for a number). */
  unreadable = 0;
  outOfRange = 0;
  private seen = 0;
  private seed = 12345;
  private sum = 0;
  private sumSquares = 0;
  private low = Infinity;
  private high = -Infinity;
  private readonly index: Map<string, number>;
  private readonly exact = new Map<string, number>();
  // The profile's fields read on every value, held here as plain fields (the check adds a value
  // per input per logged row: millions a run).
  private readonly numeric: boolean;
  private readonly boolean: boolean;
  private readonly cuts: Float64Array;
  private readonly min: number;
  private readonly max: number;

  /** `field` is the version's input; without one (an old version) the profile's type stands in. */
  constructor(
    readonly profile: ColumnProfile,
    readonly field: FieldType = { type: profile.type },
  ) {
    this.boolean = field.type === 'boolean';
    if (profile.type === 'numeric') {
      this.counts = new Array<number>(profile.cuts.length + 1).fill(0);
      this.index = new Map();
      this.numeric = true;
      this.cuts = Float64Array.from(profile.cuts);
      this.min = profile.min;
      this.max = profile.max;
    } else {
      this.counts = new Array<number>(profile.categories.length + 1).fill(0);
      this.index = new Map(profile.categories.map((c, i) => [c.value, i]));
      // Labels that read as themselves (every label training wrote does): a raw string equal to
      // one needs no reading.
      for (const [label, k] of this.index) {
        const read = coerceValue(field, label);
        if (read === label || (this.boolean && read === (label === 'true' ? 1 : 0))) this.exact.set(label, k);
      }
      this.numeric = false;
      this.cuts = new Float64Array(0);
      this.min = NaN;
      this.max = NaN;
    }
  }

  /** Adds one raw logged value. */
  add(raw: unknown): void {
    // The common cases first: a number for a numeric input, a known label sent as is.
    if (typeof raw === 'number' && this.numeric && this.field.type === 'numeric') {
      if (Number.isFinite(raw)) this.addNumber(raw);
      else this.unreadable++;
      return;
    }
    if (typeof raw === 'string') {
      const k = this.exact.get(raw);
      if (k !== undefined) {
        this.count++;
        this.counts[k]++;
        return;
      }
    }
    const value = coerceValue(this.field, raw);
    if (value === undefined) this.unreadable++;
    else if (value === null) this.missing++;
    else if (this.numeric) {
      if (typeof value === 'number') this.addNumber(value);
      else this.unreadable++;
    } else this.addLabel(this.boolean ? (value === 1 ? 'true' : 'false') : String(value));
  }

  /** The window's distribution on the profile's bins, in the profile's own shape (plain JSON). */
  current(): ColumnProfile {
    return this.profile.type === 'numeric'
      ? this.currentNumeric(this.profile)
      : this.currentLabels(this.profile);
  }

  private addNumber(value: number): void {
    this.count++;
    this.sum += value;
    this.sumSquares += value * value;
    if (value < this.low) this.low = value;
    if (value > this.high) this.high = value;
    if (value < this.min || value > this.max) this.outOfRange++;
    this.counts[binOf(value, this.cuts)]++;
    this.sample(value);
  }

  private addLabel(label: string): void {
    this.count++;
    this.counts[this.index.get(label) ?? this.counts.length - 1]++;
  }

  private currentNumeric(profile: NumericProfile): NumericProfile {
    const n = this.count;
    const mean = n === 0 ? NaN : this.sum / n;
    const sorted = Float64Array.from(this.reservoir).sort();
    return {
      type: 'numeric',
      count: n,
      missing: this.missing + this.unreadable,
      mean: round(mean),
      std: n === 0 ? NaN : round(Math.sqrt(Math.max(0, this.sumSquares / n - mean * mean))),
      min: n === 0 ? NaN : this.low,
      max: n === 0 ? NaN : this.high,
      quantiles: n === 0 ? [] : midQuantiles(sorted, CURRENT_QUANTILES).map(round),
      cuts: profile.cuts,
      counts: [...this.counts],
    };
  }

  private currentLabels(profile: CategoricalProfile): CategoricalProfile {
    return {
      type: 'categorical',
      count: this.count,
      missing: this.missing + this.unreadable,
      categories: profile.categories.map((c, i) => ({ value: c.value, count: this.counts[i] })),
      other: this.counts[this.counts.length - 1],
    };
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

/** Seven significant digits: enough for a distribution, and a stored report stays small. */
const round = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(7)) : x);

/**
 * The first bin i with value <= cuts[i] (cuts ascending), else the last. For the usual handful of
 * cuts, counting the cuts below the value without a branch is about twice as fast as a binary
 * search, whose branches the CPU cannot predict on random values (measured on 10 bins).
 */
function binOf(value: number, cuts: Float64Array): number {
  const n = cuts.length;
  if (n <= 16) {
    let below = 0;
    for (let i = 0; i < n; i++) below += Number(value > cuts[i]);
    return below;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value <= cuts[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
