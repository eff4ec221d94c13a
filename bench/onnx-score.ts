// Scoring benchmark: ONNX Runtime (the served path: OnnxScorer.score, row-major copy included)
// next to the engine's own predict, on a trained 100-tree depth-6 model. One JSON line per case:
// ours = ORT, peer = engine, ratio = ORT / engine. Run with `npm run bench:score`.
import { trainGbdt } from '../src/ml/gbdt/boosting';
import { Random } from '../src/ml/gbdt/random';
import type { FeatureMatrix } from '../src/ml/matrix';
import { predict } from '../src/ml/models/predict';
import type { TreeEnsembleModel } from '../src/ml/models/types';
import { exportOnnx } from '../src/ml/onnx/export';
import { OnnxScorer } from '../src/ml/onnx/scorer';

const N_FEATURES = 10;

/** Friedman #1 rows on 10 uniform features, 1% of x3 missing. */
function friedman(nRows: number, seed: number): { matrix: FeatureMatrix; y: Float64Array } {
  const rng = new Random(seed);
  const columns = Array.from({ length: N_FEATURES }, () => new Float32Array(nRows));
  const y = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    for (const c of columns) c[r] = rng.next();
    const x = (f: number): number => columns[f][r];
    y[r] = 10 * Math.sin(Math.PI * x(0) * x(1)) + 20 * (x(2) - 0.5) ** 2 + 10 * x(3) + 5 * x(4) + rng.next();
    if (rng.next() < 0.01) columns[3][r] = NaN;
  }
  return { matrix: { nRows, names: columns.map((_, f) => `x${f}`), columns }, y };
}

/** Median wall time of one call in ms, over at least `minMs` of calls after a warm-up. */
async function medianMs(run: () => unknown, minMs = 400): Promise<number> {
  for (let i = 0; i < 5; i++) await run();
  const times: number[] = [];
  const start = process.hrtime.bigint();
  while (times.length < 10 || Number(process.hrtime.bigint() - start) / 1e6 < minMs) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function leafCount(model: TreeEnsembleModel): number {
  return model.trees.reduce((n, t) => n + t.feature.filter((f) => f < 0).length, 0);
}

async function main(): Promise<void> {
  const train = friedman(20_000, 1);
  const { model } = trainGbdt(
    { matrix: train.matrix, target: train.y, task: 'regression' },
    { nEstimators: 100, maxDepth: 6, maxLeaves: 64, minSamplesLeaf: 5 },
  );
  const exported = exportOnnx(model);
  const expected = { task: 'regression', nFeatures: N_FEATURES } as const;
  // The first session pays ONNX Runtime's one-time environment set-up; later ones are the
  // per-model cost a model cache sees on a miss.
  const t0 = process.hrtime.bigint();
  const scorer = await OnnxScorer.load(exported.bytes, expected);
  const coldMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const warmMs = await medianMs(async () => (await OnnxScorer.load(exported.bytes, expected)).release(), 200);
  const shape = {
    trees: model.trees.length,
    maxDepth: 6,
    leaves: leafCount(model),
    onnxBytes: exported.bytes.length,
  };
  const create = {
    bench: 'onnx-score',
    case: 'session-create',
    ...shape,
    coldMs: round(coldMs),
    warmMs: round(warmMs),
  };
  console.log(JSON.stringify(create));

  for (const rows of [1, 1_000, 10_000]) {
    const { matrix } = friedman(rows, 1000 + rows);
    const ortMs = await medianMs(() => scorer.score(matrix));
    const engineMs = await medianMs(() => predict(model, matrix));
    const line = {
      bench: 'onnx-score',
      case: `regression-${rows}-rows`,
      rows,
      ...shape,
      ortMs: round(ortMs),
      engineMs: round(engineMs),
      ratio: round(ortMs / engineMs),
      ortUsPerRow: round((ortMs * 1000) / rows),
      engineUsPerRow: round((engineMs * 1000) / rows),
    };
    console.log(JSON.stringify(line));
  }
  await scorer.release();
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
