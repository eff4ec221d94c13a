import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { DataError } from '../../ml/errors';
import { isFinished, updateRun } from '../../domain/run-record';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { Registry } from '../../platform/ports/registry';
import type { ModelCache } from '../model-cache/model-cache';
import type { ServedModel } from '../model-cache/served-model';
import type { PredictedRow } from '../../domain/log-row';
import { CHUNK_ROWS } from './formats/record-chunk';
import { predictionsWriter } from './formats/writer-for-format';
import { openScoringFile } from './read-scoring-file';
import { resolveScoringModel } from './resolve-scoring-model';
import { scoreRows } from './score-rows';
import { scoringTarget, type ScoringDrop } from './scoring-drop';

/** What the scoring step is given: storage, the run registry, the model cache and the log. */
export interface ScoringDeps {
  readonly registry: Registry;
  readonly blobs: BlobStore;
  /** With `challenger`, a model's challenger on trial scores every file beside production. */
  readonly cache: Pick<ModelCache, 'resolve'> & Partial<Pick<ModelCache, 'challenger'>>;
  /** Where scored rows go; flushed before the run succeeds, so a finished run's rows are logged. */
  readonly log: { append(rows: readonly PredictedRow[]): Promise<void>; flush?(): Promise<void> };
  readonly settings: {
    readonly containers: { readonly scoring: string; readonly predictions: string };
    /** Largest scoring file in bytes (MAX_DATASET_BYTES), checked before it is read. */
    readonly maxBytes: number;
    /** Rows read and scored at a time; default CHUNK_ROWS. */
    readonly chunkRows?: number;
  };
  readonly now?: () => Date;
}

/** What the scoring step did with a drop. */
export type ScoringOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'already_done'; readonly runId: string }
  | { readonly kind: 'scored'; readonly runId: string; readonly rows: number; readonly errorRows: number };

const PROGRESS_EVERY_MS = 2000;

/**
 * Scores a drop at `scoring/{model}/[v{N}/]{name}`: opens its run (the same blob version finds its
 * run finished and does nothing), checks the size before reading, resolves the version, streams
 * the file in chunks, scores each with predict's checks and encoders, logs the scored rows as
 * live traffic (`source: "batch"`), and writes `predictions/{model}/{name}` in the same format.
 * The output is uploaded as staged blocks committed only at the end: a failed run leaves none.
 */
export async function scoreDrop(deps: ScoringDeps, drop: ScoringDrop): Promise<ScoringOutcome> {
  const { model, runId } = drop;
  const existing = await deps.registry.getRun(model, runId);
  if (isFinished(existing)) return { kind: 'already_done', runId };
  const now = (): Date => deps.now?.() ?? new Date();
  const startedAt = now().toISOString();
  const t0 = performance.now();
  await updateRun(deps, model, runId, {
    status: 'running',
    stage: 'score',
    progress: 0,
    startedAt,
    trigger: { kind: 'scoring', blobName: drop.blobName, etag: drop.etag },
    ...(existing ? {} : { queuedAt: startedAt }),
  });
  const { containers, maxBytes } = deps.settings;
  const info = await deps.blobs.tryGetProperties(containers.scoring, drop.blobName);
  if (!info || info.etag.replace(/"/g, '') !== drop.etag.replace(/"/g, '')) {
    const reason = `${drop.blobName} changed or was deleted before it was scored: its new version is scored instead`;
    await updateRun(deps, model, runId, {
      status: 'failed',
      error: { code: 'superseded', message: reason },
      finishedAt: now().toISOString(),
    });
    return { kind: 'ignored', reason };
  }
  if (info.size > maxBytes) {
    throw new DataError(
      'too_large',
      `${drop.blobName} is ${info.size} bytes, over the limit of ${maxBytes} bytes (MAX_DATASET_BYTES)`,
      { limit: maxBytes },
    );
  }
  const target = scoringTarget(drop);
  const served = await resolveScoringModel(deps.cache, model, target.pinnedVersion);
  const shadow = target.pinnedVersion === undefined ? await challengerOf(deps, model, served) : undefined;
  await updateRun(deps, model, runId, { version: served.version });
  const { stream } = await deps.blobs.download(containers.scoring, drop.blobName, { ifMatch: info.etag });
  const file = await openScoringFile(
    target.format,
    stream,
    { maxBytes, maxRows: Number.MAX_SAFE_INTEGER },
    deps.settings.chunkRows ?? CHUNK_ROWS,
  );
  const writer = predictionsWriter(target.format, served, file.parquet);
  const body = new PassThrough();
  const upload = deps.blobs.upload(containers.predictions, target.outputBlobName, body, {
    contentType: writer.contentType,
    metadata: { runid: runId, version: String(served.version) },
  });
  const uploadFailed = upload.then(
    () => new Promise<never>(() => undefined),
    (err: unknown) => Promise.reject(err),
  );
  uploadFailed.catch(() => undefined);
  const send = async (bytes: Uint8Array | undefined): Promise<void> => {
    if (bytes && bytes.length > 0 && !body.write(bytes))
      await Promise.race([once(body, 'drain'), uploadFailed]);
  };
  const counts = { rows: 0, scored: 0, errorRows: 0 };
  let lastProgress = performance.now();
  try {
    for await (const chunk of file.chunks) {
      const results = await scoreRows(served, chunk.rows);
      const time = now().toISOString();
      await logScored(deps, served, runId, counts.rows, chunk.rows, results, time);
      if (shadow) {
        const beside = await scoreRows(shadow, chunk.rows);
        await logScored(deps, shadow, runId, counts.rows, chunk.rows, beside, time, true);
      }
      await send(writer.write(chunk, results));
      for (const r of results) if ('error' in r) counts.errorRows++;
      counts.rows += chunk.rows.length;
      if (performance.now() - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = performance.now();
        await updateRun(deps, model, runId, {
          progress: Math.min(0.99, file.bytesRead() / Math.max(1, info.size)),
          rowsRead: counts.rows,
        });
      }
    }
    await send(writer.end());
    body.end();
  } catch (err) {
    body.destroy(err instanceof Error ? err : new Error(String(err)));
    await upload.catch(() => undefined);
    throw err;
  }
  const tScored = performance.now();
  await Promise.all([upload, deps.log.flush?.()]);
  counts.scored = counts.rows - counts.errorRows;
  await updateRun(deps, model, runId, {
    status: 'succeeded',
    stage: 'done',
    progress: 1,
    rowsRead: counts.rows,
    finishedAt: now().toISOString(),
    scoring: {
      format: target.format,
      ...counts,
      output: target.outputBlobName,
      ...(shadow && { shadowVersion: shadow.version }),
    },
    timings: { score: Math.round(tScored - t0), upload: Math.round(performance.now() - tScored) },
  });
  return { kind: 'scored', runId, rows: counts.rows, errorRows: counts.errorRows };
}

/**
 * The challenger on trial beside the production version that scores the file, or undefined: none,
 * or one that does not load here (serving retires a challenger whose artifact fails to load).
 */
async function challengerOf(
  deps: ScoringDeps,
  model: string,
  production: ServedModel,
): Promise<ServedModel | undefined> {
  const ref = await deps.cache.challenger?.(model);
  if (!ref || ref.version === production.version) return undefined;
  return deps.cache.resolve(model, ref.version).catch(() => undefined);
}

/**
 * The chunk's scored rows as prediction-log rows: request id the run id, row the file's row;
 * `shadow` for the challenger's rows beside production's.
 */
async function logScored(
  deps: ScoringDeps,
  served: ServedModel,
  runId: string,
  firstRow: number,
  rows: readonly { values: Record<string, unknown> }[],
  results: Awaited<ReturnType<typeof scoreRows>>,
  time: string,
  shadow = false,
): Promise<void> {
  const logged: PredictedRow[] = [];
  results.forEach((r, i) => {
    if (!('prediction' in r)) return;
    logged.push({
      requestId: runId,
      row: firstRow + i,
      model: served.model,
      version: served.version,
      inputs: rows[i]!.values,
      prediction: r.prediction,
      probabilities: r.probabilities,
      time,
      source: 'batch',
      ...(shadow && { shadow: true as const }),
    });
  });
  if (logged.length > 0) await deps.log.append(logged);
}
