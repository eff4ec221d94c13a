/** Error of one slice (one value of a slice column) on the holdout. */
export interface SliceError {
  readonly column: string;
  readonly value: string;
  readonly rows: number;
  readonly error: number;
}

export interface BiasVerdict {
  readonly passed: boolean;
  /** Worst judged slice error / overall error; 0 when no slice was judged. */
  readonly worstRatio: number;
  readonly worstSlice?: SliceError;
  readonly reason: string;
}

/**
 * The bias check: the worst slice's error over the overall error must stay at most `maxRatio`.
 * Slices with fewer than `minRows` rows are too noisy to judge and are skipped. A perfect model
 * (overall error 0) passes.
 */
export function checkBias(
  slices: readonly SliceError[],
  overallError: number,
  maxRatio: number,
  minRows: number,
): BiasVerdict {
  let worst: SliceError | undefined;
  for (const slice of slices) {
    if (slice.rows < minRows || !Number.isFinite(slice.error)) continue;
    if (worst === undefined || slice.error > worst.error) worst = slice;
  }
  if (worst === undefined) {
    return { passed: true, worstRatio: 0, reason: `no slice has at least ${minRows} holdout rows to judge` };
  }
  const ratio = overallError > 0 ? worst.error / overallError : 0;
  const where = `${worst.column}=${worst.value} (${worst.rows} rows)`;
  const passed = ratio <= maxRatio;
  return {
    passed,
    worstRatio: ratio,
    worstSlice: worst,
    reason: passed
      ? `worst slice ${where} has ${ratio.toFixed(2)}x the overall error, within the limit ${maxRatio}`
      : `worst slice ${where} has ${ratio.toFixed(2)}x the overall error, over the limit ${maxRatio}`,
  };
}
