// Batch scoring benchmark: 1,000,000 taxi rows (CSV on disk) through scoreDrop (stream, parse,
// check, encode, ONNX in time slices, CSV output, prediction-log lines) next to a minimal scorer
// on raw ONNX Runtime (the same file parsed by csv-parse, encoded with the same feature pipeline,
// session.run per 2,000 rows, predictions kept, nothing written). One JSON line: ours, peer
// (rows/s), ratio = ours / peer, and the absolute figures with peak RSS. `npm run bench:batch`.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import * as ort from 'onnxruntime-node';
import { csvHeader, toCsvLine } from '../src/datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC } from '../src/datagen/taxi-demand';
import { DEFAULT_LIMITS } from '../src/ml/data';
import { transformRecords } from '../src/ml/features';
import type { FeaturePipeline } from '../src/ml/features/types';
import { INPUT_NAME, OUTPUT } from '../src/ml/onnx/contract';
import { toRowMajor } from '../src/ml/onnx/row-major';
import { fitDataset } from '../src/pipeline/train/fit-dataset';
import type { ModelCard } from '../src/domain/model-card';
import { parseModelSpec } from '../src/domain/spec/model-spec';
import { scoreDrop } from '../src/serving/batch/score-drop';
import { scoringRunIdFor } from '../src/serving/batch/scoring-drop';
import { loadTrainedModel } from '../src/serving/model-cache/trained-model';
import { PredictionLog } from '../src/serving/prediction-log/prediction-log';
import { fileBlobs, memoryRuns, type Written } from './batch-ports';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const BATCH = 2000;

async function writeRows(file: string, rows: number, seed: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(csvHeader());
  let n = 0;
  let text = '';
  for (const row of generateTaxiDemand({ days: Math.ceil(rows / 24 / 50), zones: 50, seed })) {
    if (n++ >= rows) break;
    text += toCsvLine(row);
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, ms, peakRssMb: Math.round(peak / 2 ** 20) };
}

async function ours(file: string, served: Awaited<ReturnType<typeof loadTrainedModel>>, tag: string) {
  const written: Written = new Map();
  const blobs = fileBlobs(file, tag, written);
  const log = new PredictionLog({
    blobs,
    container: 'prediction-logs',
    instance: 'bench',
    batchRows: 10_000,
  });
  const outcome = await scoreDrop(
    {
      ...memoryRuns(),
      blobs,
      cache: { resolve: async () => served },
      log,
      settings: {
        containers: { scoring: 'scoring', predictions: 'predictions' },
        maxBytes: DEFAULT_LIMITS.maxBytes,
      },
    },
    {
      model: 'taxi',
      name: 'rows.csv',
      blobName: 'taxi/rows.csv',
      etag: tag,
      runId: scoringRunIdFor('taxi/rows.csv', tag),
    },
  );
  await log.close();
  if (outcome.kind !== 'scored' || outcome.errorRows > 0)
    throw new Error(`scoreDrop: ${JSON.stringify(outcome)}`);
  return {
    rows: outcome.rows,
    outputBytes: written.get('predictions') ?? 0,
    logBytes: written.get('prediction-logs') ?? 0,
  };
}

async function peer(file: string, pipeline: FeaturePipeline, session: ort.InferenceSession) {
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ columns: true }));
  const predictions: Float32Array[] = [];
  let rows = 0;
  let runMs = 0;
  let batch: Record<string, string>[] = [];
  const flush = async (): Promise<void> => {
    const m = transformRecords(pipeline, batch);
    const input = new ort.Tensor('float32', toRowMajor(m), [m.nRows, m.columns.length]);
    const t0 = performance.now();
    const out = await session.run({ [INPUT_NAME]: input }, [OUTPUT.value]);
    runMs += performance.now() - t0;
    predictions.push(out[OUTPUT.value]!.data as Float32Array);
    rows += batch.length;
    batch = [];
  };
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    batch.push(record);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return { rows, sessionRunMs: Math.round(runMs) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-batch-'));
  try {
    const spec = parseModelSpec({ ...TAXI_DEMAND_SPEC, params: { nEstimators: 100, maxDepth: 6 } });
    const train = Buffer.from(
      csvHeader() + [...generateTaxiDemand({ days: 30, zones: 8, seed: 1 })].map(toCsvLine).join(''),
    );
    const fit = await fitDataset({ content: train, fileName: 'train.csv', spec, limits: DEFAULT_LIMITS });
    const card = { model: 'taxi', version: 1, featurePipeline: fit.pipeline } as unknown as ModelCard;
    const served = await loadTrainedModel(card, fit.onnx);
    const session = await ort.InferenceSession.create(fit.onnx, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const warm = path.join(dir, 'warm.csv');
    const file = path.join(dir, 'rows.csv');
    await writeRows(warm, 20_000, 3);
    await writeRows(file, ROWS, 2);
    await ours(warm, served, 'warm');
    await peer(warm, fit.pipeline, session);

    const a = await withPeakRss(() => ours(file, served, 'e1'));
    const b = await withPeakRss(() => peer(file, fit.pipeline, session));
    const oursRate = a.result.rows / (a.ms / 1000);
    const peerRate = b.result.rows / (b.ms / 1000);
    console.log(
      JSON.stringify({
        bench: 'batch-score',
        case: `${ROWS}-rows-csv-100-trees`,
        ours: Math.round(oursRate),
        peer: Math.round(peerRate),
        ratio: Math.round((oursRate / peerRate) * 100) / 100,
        unit: 'rows/s',
        oursMs: Math.round(a.ms),
        peerMs: Math.round(b.ms),
        peerSessionRunMs: b.result.sessionRunMs,
        oursPeakRssMb: a.peakRssMb,
        peerPeakRssMb: b.peakRssMb,
        outputBytes: a.result.outputBytes,
        logBytes: a.result.logBytes,
      }),
    );
    await served.release();
    await session.release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
