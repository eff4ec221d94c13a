// One side of the drift benchmark, in a process of its own so its peak RSS is its own:
//   ours: the prediction-log blobs streamed line by line through parseLogLines into checkDrift;
//   peer: the same blobs streamed and split the same way, each line only JSON.parse'd.
// Prints one JSON line: side, ms (listing to result), rows, peak RSS in MB.
import { readFileSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { checkDrift, parseLogLines } from '../src/monitoring/drift/report';
import type { TrainingProfile } from '../src/ml/profile/types';
import { AzureBlobStore } from '../src/platform/blob/azure-blob-store';
import { blobServiceClient } from '../src/platform/storage-clients';
import { IMPORTANCE } from './drift-data';

interface JobArgs {
  connectionString: string;
  container: string;
  prefix: string;
  profileFile: string;
}

/** Each text chunk of every blob under prefix, split into lines (the last line of a blob may lack \n). */
async function* chunkLines(blobs: AzureBlobStore, args: JobArgs): AsyncGenerator<string[]> {
  for await (const info of blobs.list(args.container, args.prefix)) {
    const { stream } = await blobs.download(args.container, info.name);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for await (const chunk of stream) {
      const lines = (carry + decoder.write(chunk as Buffer)).split('\n');
      carry = lines.pop()!;
      yield lines;
    }
    carry += decoder.end();
    if (carry !== '') yield [carry];
  }
}

/** Both sides read the blobs the same way: the peer per chunk of lines, ours as a line stream. */
async function forEachChunkLines(
  blobs: AzureBlobStore,
  args: JobArgs,
  onLines: (lines: string[]) => void | Promise<void>,
): Promise<void> {
  for await (const lines of chunkLines(blobs, args)) await onLines(lines);
}

/** The lines as an async stream, as a blob reader hands them to the drift check. */
async function* blobLines(blobs: AzureBlobStore, args: JobArgs): AsyncGenerator<string> {
  for await (const lines of chunkLines(blobs, args)) yield* lines;
}

async function main(): Promise<void> {
  const [side, json] = process.argv.slice(2);
  const args = JSON.parse(json!) as JobArgs;
  const blobs = new AzureBlobStore(
    blobServiceClient({ kind: 'connectionString', connectionString: args.connectionString }),
  );
  const profile = JSON.parse(readFileSync(args.profileFile, 'utf8')) as TrainingProfile;
  const t0 = performance.now();
  let rows = 0;
  let extra: Record<string, unknown>;
  if (side === 'ours') {
    const settings = { driftThreshold: 0.1, datasetDriftShare: 0.5, minSamples: 200 };
    // Every input read by its type, as the drift check reads a version's inputs.
    const inputs = Object.entries(profile.columns).map(([name, p]) => ({ name, type: p.type }));
    const report = await checkDrift(
      { profile, inputs, importance: IMPORTANCE },
      settings,
      parseLogLines(blobLines(blobs, args)),
    );
    rows = report.rows;
    extra = {
      verdict: report.verdict,
      malformed: report.malformedLines,
      drifted: Object.entries(report.features)
        .filter(([, f]) => f.drifted)
        .map(([name]) => name),
    };
  } else {
    let sink = 0;
    await forEachChunkLines(blobs, args, (lines) => {
      for (const line of lines) {
        if (line === '') continue;
        const row = JSON.parse(line) as { row: number };
        sink += row.row;
        rows++;
      }
    });
    extra = { checksum: sink };
  }
  const ms = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ side, ms: Math.round(ms), rows, peakRssMb: Math.round(peakRssMb), ...extra }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
