/** Objective for minimisation: returns f(x) and writes its gradient into grad. */
export type ObjectiveFn = (x: Float64Array, grad: Float64Array) => number;

/** L-BFGS settings: history 10, at most 1000 iterations, stop at max |gradient| <= 1e-10. */
export interface LbfgsOptions {
  readonly memory: number;
  readonly maxIterations: number;
  readonly gradientTolerance: number;
}

const DEFAULTS: LbfgsOptions = { memory: 10, maxIterations: 1000, gradientTolerance: 1e-10 };

/** Where L-BFGS stopped. */
export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search, for smooth convex objectives
 * such as the L2-penalised logistic loss. Deterministic: no randomness anywhere.
 */
export function minimizeLbfgs(
  fn: ObjectiveFn,
  x0: Float64Array,
  options: Partial<LbfgsOptions> = {},
): LbfgsResult {
  const { memory, maxIterations, gradientTolerance } = { ...DEFAULTS, ...options };
  const d = x0.length;
  let x = x0.slice();
  let g = new Float64Array(d);
  let f = fn(x, g);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(d);
  const alpha = new Float64Array(memory);
  for (let it = 0; it < maxIterations; it++) {
    if (maxAbs(g) <= gradientTolerance) return { x, value: f, iterations: it, converged: true };
    // Two-loop recursion: dir = -H g.
    for (let i = 0; i < d; i++) dir[i] = -g[i];
    for (let k = sHist.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(sHist[k], dir);
      axpy(-alpha[k], yHist[k], dir);
    }
    const last = sHist.length - 1;
    const gamma =
      last >= 0 ? dot(sHist[last], yHist[last]) / dot(yHist[last], yHist[last]) : 1 / Math.max(1, norm(g));
    for (let i = 0; i < d; i++) dir[i] *= gamma;
    for (let k = 0; k < sHist.length; k++) axpy(alpha[k] - rho[k] * dot(yHist[k], dir), sHist[k], dir);
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHist.length = yHist.length = rho.length = 0;
      for (let i = 0; i < d; i++) dir[i] = -g[i] / Math.max(1, norm(g));
      slope = dot(g, dir);
    }
    let step = 1;
    const xNew = new Float64Array(d);
    const gNew = new Float64Array(d);
    let fNew = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < d; i++) xNew[i] = x[i] + step * dir[i];
      fNew = fn(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= f)) return { x, value: f, iterations: it, converged: false };
    const s = new Float64Array(d);
    const y = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-20) {
      if (sHist.length === memory) {
        sHist.shift();
        yHist.shift();
        rho.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rho.push(1 / sy);
    }
    const converged = f - fNew <= 1e-16 * Math.max(1, Math.abs(f));
    x = xNew;
    g = gNew;
    f = fNew;
    if (converged)
      return { x, value: f, iterations: it + 1, converged: maxAbs(g) <= gradientTolerance * 1e3 };
  }
  return { x, value: f, iterations: maxIterations, converged: maxAbs(g) <= gradientTolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
