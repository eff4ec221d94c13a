import { DataError } from '../errors';

/** Early stopping on a seeded validation fold carved out of the training rows. */
export interface EarlyStopping {
  /** Share of training rows held out to watch the loss; default 0.1. */
  readonly validationFraction: number;
  /** Iterations without a better validation loss before stopping; default 10. */
  readonly patience: number;
}

/** Gradient boosting settings; every field has a default (see GBDT_DEFAULTS). */
export interface GbdtParams {
  readonly nEstimators: number;
  readonly learningRate: number;
  /** Deepest a leaf may sit (root at depth 0); 0 means no depth limit. */
  readonly maxDepth: number;
  readonly maxLeaves: number;
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values (lambda); 0 as in scikit-learn's HistGradientBoosting. */
  readonly l2: number;
  /** Share of rows drawn (without replacement, seeded) for each iteration's trees. */
  readonly subsample: number;
  /** Most value bins per feature (a missing bin comes on top); at most 255. */
  readonly maxBins: number;
  readonly earlyStopping: EarlyStopping | null;
  readonly seed: number;
  /**
   * Threads building histograms (rows split into blocks between them; results are identical
   * for any count). 0 picks automatically: every available core, up to 4, on data of at least
   * 1M cells; otherwise 1.
   */
  readonly nThreads: number;
}

/**
 * Defaults: 100 trees, learning rate 0.1, depth 6, 31 leaves, 20 rows per leaf, l2 0, no row
 * subsampling, 255 bins, no early stopping, seed 42, threads chosen automatically.
 */
export const GBDT_DEFAULTS: GbdtParams = {
  nEstimators: 100,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 31,
  minSamplesLeaf: 20,
  l2: 0,
  subsample: 1,
  maxBins: 255,
  earlyStopping: null,
  seed: 42,
  nThreads: 0,
};

/** Early stopping defaults when it is switched on with `{}`: 10% of rows, patience 10. */
export const EARLY_STOPPING_DEFAULTS: EarlyStopping = { validationFraction: 0.1, patience: 10 };

/** Fills defaults and rejects out-of-range values with a DataError naming the parameter. */
export function resolveGbdtParams(
  given: Partial<Omit<GbdtParams, 'earlyStopping'>> & { earlyStopping?: Partial<EarlyStopping> | null } = {},
): GbdtParams {
  const es = given.earlyStopping ? { ...EARLY_STOPPING_DEFAULTS, ...given.earlyStopping } : null;
  const p: GbdtParams = { ...GBDT_DEFAULTS, ...given, earlyStopping: es };
  const checks: [string, number, boolean][] = [
    ['nEstimators', p.nEstimators, Number.isInteger(p.nEstimators) && p.nEstimators >= 1],
    ['learningRate', p.learningRate, p.learningRate > 0 && p.learningRate <= 10],
    ['maxDepth', p.maxDepth, Number.isInteger(p.maxDepth) && p.maxDepth >= 0],
    ['maxLeaves', p.maxLeaves, Number.isInteger(p.maxLeaves) && p.maxLeaves >= 2],
    ['minSamplesLeaf', p.minSamplesLeaf, Number.isInteger(p.minSamplesLeaf) && p.minSamplesLeaf >= 1],
    ['l2', p.l2, p.l2 >= 0 && Number.isFinite(p.l2)],
    ['subsample', p.subsample, p.subsample > 0 && p.subsample <= 1],
    ['maxBins', p.maxBins, Number.isInteger(p.maxBins) && p.maxBins >= 2 && p.maxBins <= 255],
    ['seed', p.seed, Number.isInteger(p.seed)],
    ['nThreads', p.nThreads, Number.isInteger(p.nThreads) && p.nThreads >= 0 && p.nThreads <= 64],
  ];
  if (es) {
    checks.push([
      'earlyStopping.validationFraction',
      es.validationFraction,
      es.validationFraction > 0 && es.validationFraction < 1,
    ]);
    checks.push(['earlyStopping.patience', es.patience, Number.isInteger(es.patience) && es.patience >= 1]);
  }
  for (const [name, value, ok] of checks) {
    if (!ok)
      throw new DataError('bad_spec', `gbdt parameter ${name} is out of range: ${value}`, { param: name });
  }
  return p;
}
