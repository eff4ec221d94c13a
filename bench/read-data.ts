// Data benchmark: read the synthetic 1,000,000 x 10 CSV (~75 MB) into columns, then infer its
// schema and build the training matrix, next to numpy.loadtxt (Debian's python3-numpy, run with
// /usr/bin/python3) reading the same file into a float64 array. One JSON line per measure:
// ours, peer, ratio = ours / peer. Run with `npm run bench:data` (BENCH_ROWS to change the size).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCsv } from '../src/ml/data/read-csv';
import { fitPipeline } from '../src/ml/features/fit-pipeline';
import { buildTrainingSet } from '../src/ml/features/transform-table';
import { inferSchema } from '../src/ml/schema/infer-schema';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const FEATURES = 9;

/** Writes the synthetic file once (deterministic): 9 uniform features in [-5, 5) and a target. */
async function syntheticCsv(file: string): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(file);
  let seed = 1;
  const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  let buffer = Array.from({ length: FEATURES }, (_, j) => `f${j}`).join(',') + ',y\n';
  for (let i = 0; i < ROWS; i++) {
    const x = Array.from({ length: FEATURES }, () => (next() * 10 - 5).toFixed(4));
    buffer += `${x.join(',')},${(next() * 100).toFixed(3)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()));
      buffer = '';
    }
  }
  await new Promise<void>((r) => out.end(buffer, () => r()));
}

function peerLoadtxt(file: string): { seconds: number; cpuSeconds: number; peakMb: number } | null {
  const script = [
    'import sys, time, resource, numpy',
    't = time.perf_counter()',
    "a = numpy.loadtxt(sys.argv[1], delimiter=',', skiprows=1)",
    's = time.perf_counter() - t',
    'u = resource.getrusage(resource.RUSAGE_SELF)',
    'print(s, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024, a.shape[0])',
  ].join('\n');
  const run = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  if (run.status !== 0) return null;
  const [seconds, cpuSeconds, peakMb] = run.stdout.trim().split(' ').map(Number);
  return { seconds, cpuSeconds, peakMb };
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `bench-synthetic-${ROWS}x10.csv`);
  await syntheticCsv(file);
  const caseName = `synthetic-${ROWS}x10 (${(statSync(file).size / 1e6).toFixed(1)} MB)`;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const table = await readCsv(createReadStream(file, { highWaterMark: 1 << 20 }), {
    limits: { maxRows: ROWS, maxBytes: 1 << 30 },
  });
  const read = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time next to wall time: the 2 cores are shared, so wall time swings with other work.
  const readCpu = (cpu.user + cpu.system) / 1e6;
  const schema = inferSchema(table);
  const pipeline = fitPipeline(table, { target: 'y', task: 'regression', forModel: 'trees' }, schema);
  const set = buildTrainingSet(pipeline, table);
  const total = (performance.now() - t0) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  if (set.X.nRows !== ROWS) throw new Error(`expected ${ROWS} rows, got ${set.X.nRows}`);
  const peer = peerLoadtxt(file);
  const line = (measure: string, ours: number, theirs: number | null, unit: string): void => {
    const ratio = theirs === null ? null : Number((ours / theirs).toFixed(3));
    const peerName = peer === null ? 'numpy.loadtxt (unavailable)' : 'numpy.loadtxt';
    console.log(
      JSON.stringify({
        bench: 'data',
        case: caseName,
        measure,
        unit,
        ours,
        peer: peerName,
        peerValue: theirs,
        ratio,
      }),
    );
  };
  line(
    'read_csv_seconds',
    Number(read.toFixed(3)),
    peer === null ? null : Number(peer.seconds.toFixed(3)),
    's',
  );
  line(
    'read_csv_cpu_seconds',
    Number(readCpu.toFixed(3)),
    peer === null ? null : Number(peer.cpuSeconds.toFixed(3)),
    's',
  );
  line(
    'read_infer_features_seconds',
    Number(total.toFixed(3)),
    peer === null ? null : Number(peer.seconds.toFixed(3)),
    's',
  );
  line('peak_rss_mb', Math.round(peakMb), peer === null ? null : Math.round(peer.peakMb), 'MB');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
