/** Largest allowed |ONNX - engine| / max(1, |engine|): float32 rounding of a double computation. */
export const PARITY_TOLERANCE = 1e-5;

/** Whether ONNX Runtime reproduces the engine, the largest difference, and the sentence for the version. */
export interface ParityVerdict {
  readonly passed: boolean;
  readonly maxDifference: number;
  readonly reason: string;
}

/**
 * Checks ONNX Runtime's outputs against the engine's on the same rows (same layout), relative to
 * max(1, |engine|) so values near zero are held to an absolute 1e-5. Any NaN fails.
 */
export function checkParity(
  onnx: Float64Array,
  engine: Float64Array,
  tolerance = PARITY_TOLERANCE,
): ParityVerdict {
  if (onnx.length !== engine.length) {
    return {
      passed: false,
      maxDifference: Infinity,
      reason: `ONNX Runtime gave ${onnx.length} outputs but the engine ${engine.length}`,
    };
  }
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < onnx.length; i++) {
    const diff = Math.abs(onnx[i] - engine[i]) / Math.max(1, Math.abs(engine[i]));
    if (!(diff <= worst)) {
      worst = Number.isNaN(diff) ? Infinity : diff;
      worstAt = i;
    }
  }
  const passed = worst <= tolerance;
  const where = worstAt >= 0 ? ` (output ${worstAt})` : '';
  return {
    passed,
    maxDifference: worst,
    reason: passed
      ? `ONNX Runtime matches the engine on ${engine.length} holdout outputs (largest relative difference ${worst.toExponential(2)})`
      : `ONNX Runtime differs from the engine by ${worst.toExponential(2)}${where}, over the tolerance ${tolerance}`,
  };
}
