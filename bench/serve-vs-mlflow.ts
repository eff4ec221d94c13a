// Serving benchmark cases against the MLflow-style peer: the same request body (MLflow's
// dataframe_records, which both accept) to our predict route and to the peer's /invocations,
// one after the other in the same run, one JSON line per case with ours / peer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mlflowStylePeerAvailable, startMlflowStylePeer } from './mlflow-style-peer';
import { autocannon } from './serve-peers';

export interface MlflowComparison {
  /** Our predict route and the headers it needs. */
  readonly url: string;
  readonly headers: Record<string, string>;
  /** Request rows (inputs only) and the CSV of the training rows, target included. */
  readonly records: readonly object[];
  readonly trainingCsv: string;
  readonly seconds: number;
  /** Told the rows per request before each of our runs, so predicted rows can be counted. */
  setRowsPerRequest(n: number): void;
}

const CASES = [
  { rows: 1, connections: 1 },
  { rows: 1, connections: 32 },
  { rows: 1000, connections: 1 },
] as const;

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 1000));

/** Runs the cases when the peer's packages are installed; prints one line per case. */
export async function compareWithMlflowStyle(c: MlflowComparison): Promise<void> {
  if (!mlflowStylePeerAvailable()) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-serve-peer-'));
  const csv = path.join(dir, 'train.csv');
  writeFileSync(csv, c.trainingCsv);
  const peer = await startMlflowStylePeer(csv);
  try {
    for (const { rows, connections } of CASES) {
      const body = JSON.stringify({ dataframe_records: c.records.slice(0, rows) });
      const load = { connections, seconds: c.seconds };
      const check = await fetch(peer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (check.status !== 200) throw new Error(`peer answered ${check.status}: ${await check.text()}`);
      await check.arrayBuffer();
      c.setRowsPerRequest(rows);
      const ours = await autocannon(c.url, body, c.headers, load);
      await settle();
      const theirs = await autocannon(peer.url, body, {}, load);
      await settle();
      console.log(
        JSON.stringify({
          bench: 'serve',
          case: `http-${rows}-row${rows > 1 ? 's' : ''}-${connections}-connection${connections > 1 ? 's' : ''}-vs-mlflow-style`,
          seconds: c.seconds,
          peer: 'FastAPI + uvicorn x2 + pandas + scikit-learn HGB',
          ours_rps: round(ours.requestsPerSecond, 1),
          peer_rps: round(theirs.requestsPerSecond, 1),
          rps_ratio: round(ours.requestsPerSecond / theirs.requestsPerSecond),
          target_rps_ratio: 5,
          ours_p50_ms: ours.p50Ms,
          peer_p50_ms: theirs.p50Ms,
          p50_ratio: round(ours.p50Ms / theirs.p50Ms),
          ours_p99_ms: ours.p99Ms,
          peer_p99_ms: theirs.p99Ms,
          p99_ratio: round(ours.p99Ms / theirs.p99Ms),
          target_p99_ratio: 0.2,
          ours_errors: ours.errors,
          peer_errors: theirs.errors,
        }),
      );
    }
  } finally {
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
