// Drift check benchmark: 1,000,000 logged rows x 10 inputs written to Azurite as the prediction
// log writes them (1,000-row JSON-lines blobs under prediction-logs/{model}/{yyyy}/{mm}/{dd}/{hh}/),
// then, in the same run, the drift check (blobs streamed line by line into parseLogLines and
// checkDrift against a training profile) vs a plain read of the same blobs with a JSON.parse of
// every line. Each side runs in a child process of its own (its peak RSS is its own), alternately,
// BENCH_DRIFT_REPEATS times (default 3); the medians are compared. One JSON line.
// Run with `npm run bench:drift`; BENCH_DRIFT_ROWS changes the row count.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { emulatorAppSettings, startEmulators } from '../src/local/emulators';
import { AzureBlobStore } from '../src/platform/blob/azure-blob-store';
import { blobServiceClient } from '../src/platform/storage-clients';
import { toJsonLines } from '../src/serving/prediction-log/json-lines';
import { logBlobName } from '../src/domain/log-row';
import { loggedBatch, MODEL, rowSource, trainingProfile } from './drift-data';

const ROWS = Number(process.env.BENCH_DRIFT_ROWS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_DRIFT_REPEATS ?? 3);
const BLOB_ROWS = 1000; // the prediction log's default batch
const REQUEST_ROWS = 10;
const CONTAINER = 'prediction-logs';
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 300;
const run = promisify(execFile);

interface JobResult {
  side: string;
  ms: number;
  rows: number;
  peakRssMb: number;
  [more: string]: unknown;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function writeLogs(blobs: AzureBlobStore): Promise<{ blobs: number; bytes: number }> {
  const next = rowSource(2, true);
  const start = Date.UTC(2026, 10, 27, 0, 0, 0);
  let written = 0;
  let bytes = 0;
  let request = 0;
  const pending = new Set<Promise<void>>();
  for (let seq = 0; written < ROWS; seq++) {
    const rows = [];
    // A blob's rows share its hour: ~40 blobs an hour, four instances writing.
    const at = new Date(start + Math.floor(seq / 40) * 3_600_000 + (seq % 40) * 60_000);
    for (let n = 0; n < BLOB_ROWS && written < ROWS; n += REQUEST_ROWS, written += REQUEST_ROWS) {
      rows.push(...loggedBatch(next, Math.min(REQUEST_ROWS, ROWS - written), at, request++));
    }
    const text = toJsonLines(rows);
    bytes += text.length;
    const name = logBlobName(MODEL, at, `instance-${seq % 4}`, seq);
    const upload = blobs
      .upload(CONTAINER, name, text, { contentType: 'application/x-ndjson', ifNoneMatch: '*' })
      .then(() => void pending.delete(upload));
    pending.add(upload);
    if (pending.size >= 8) await Promise.race(pending);
  }
  await Promise.all(pending);
  return { blobs: Math.ceil(ROWS / BLOB_ROWS), bytes };
}

async function job(side: 'ours' | 'peer', args: object): Promise<JobResult> {
  const { stdout } = await run(
    process.execPath,
    [path.join(__dirname, 'drift-job.js'), side, JSON.stringify(args)],
    {
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as JobResult;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-drift-'));
  const emulators = await startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 }, dataDir });
  try {
    const connectionString = emulatorAppSettings(emulators).AzureWebJobsStorage!;
    const blobs = new AzureBlobStore(blobServiceClient({ kind: 'connectionString', connectionString }));
    const t0 = performance.now();
    const written = await writeLogs(blobs);
    const writeMs = performance.now() - t0;
    const profileFile = path.join(dataDir, 'profile.json');
    writeFileSync(profileFile, JSON.stringify(trainingProfile()));
    const args = { connectionString, container: CONTAINER, prefix: `${MODEL}/`, profileFile };
    const ours: JobResult[] = [];
    const peer: JobResult[] = [];
    for (let i = 0; i < REPEATS; i++) {
      peer.push(await job('peer', args));
      ours.push(await job('ours', args));
    }
    for (const r of [...ours, ...peer]) {
      if (r.rows !== ROWS) throw new Error(`${r.side} read ${r.rows} rows, expected ${ROWS}`);
    }
    const oursMs = median(ours.map((r) => r.ms));
    const peerMs = median(peer.map((r) => r.ms));
    const peakRss = Math.max(...ours.map((r) => r.peakRssMb));
    const ratio = oursMs / peerMs;
    const last = ours.at(-1)!;
    console.log(
      JSON.stringify({
        case: 'drift-check',
        rows: ROWS,
        features: 10,
        blobs: written.blobs,
        mb: Math.round(written.bytes / 2 ** 20),
        write_ms: Math.round(writeMs),
        ours_ms: oursMs,
        peer_ms: peerMs,
        ratio: Number(ratio.toFixed(3)),
        target_ratio: TARGET_RATIO,
        ratio_ok: ratio <= TARGET_RATIO,
        peak_rss_mb: peakRss,
        peer_peak_rss_mb: Math.max(...peer.map((r) => r.peakRssMb)),
        target_rss_mb: TARGET_RSS_MB,
        rss_ok: peakRss < TARGET_RSS_MB,
        runs_ms: { ours: ours.map((r) => r.ms), peer: peer.map((r) => r.ms) },
        verdict: last.verdict,
        drifted: last.drifted,
        malformed: last.malformed,
      }),
    );
  } finally {
    await emulators.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
