import { AppError } from '../../errors';
import { cellAt, readDataset, type DataTable } from '../../ml/data';
import type { RetrainRequest } from '../../domain/messages';
import { retrainMetadata } from '../../domain/retrain-lineage';
import { loadSpec } from '../../domain/spec/load-spec';
import type { BlobInfo, BlobStore } from '../../platform/ports/blob-store';
import type { Registry } from '../../platform/ports/registry';
import { NO_TELEMETRY, type Telemetry } from '../../platform/ports/telemetry';
import { versionInputs } from '../drift/version-inputs';
import { labelledLogRows } from './labelled-log-rows';
import { retrainBlobName } from './retrain-record';
import { settleRetrainRecord } from './settle-retrain-record';
import { pickDrops, trainingColumns, withinWindow, type TrainingRow } from './training-window';

export interface RetrainSetDeps {
  readonly blobs: BlobStore;
  readonly registry: Pick<
    Registry,
    'getSpec' | 'listMonitoring' | 'getMonitoring' | 'putMonitoring' | 'getVersion'
  >;
  readonly settings: {
    readonly containers: { readonly datasets: string; readonly predictionLogs: string };
    readonly limits: { readonly maxDatasetBytes: number; readonly maxDatasetRows: number };
  };
  readonly telemetry?: Telemetry;
  readonly now?: () => Date;
}

export type RetrainSetOutcome =
  | { readonly kind: 'already_done'; readonly blobName: string }
  | {
      readonly kind: 'assembled';
      readonly blobName: string;
      readonly rows: number;
      readonly drops: string[];
      readonly dropRows: number;
      readonly feedbackRows: number;
      /** Feedback for a request no prediction log holds: skipped. */
      readonly unknownFeedback: number;
      readonly malformedLogLines: number;
      /** Logged input values unreadable as their field's type: written as missing. */
      readonly unreadableLogValues: number;
      /** Labelled rows logged by a version whose inputs are unknown: skipped. */
      readonly unknownVersionRows: number;
    };

/**
 * Consumes a retrain request: assembles the spec's `retrain` window (the latest `maxDrops` data
 * drops, and every logged row that has feedback, its `actual` as the target; then the last
 * `windowDays`) into ONE new data blob `{datasets}/{model}/retrain-{slot}.jsonl`, uploaded whole
 * and create-only, so the ordinary blob trigger trains, validates and registers it. The blob
 * carries the reason, trigger and drift report id as metadata, which the train step copies into
 * the run and version lineage. A redelivered request finds its blob and does nothing.
 */
export async function assembleRetrainSet(
  deps: RetrainSetDeps,
  req: RetrainRequest,
): Promise<RetrainSetOutcome> {
  const { datasets, predictionLogs } = deps.settings.containers;
  const blobName = retrainBlobName(req.model, req.requestedAt);
  if (await deps.blobs.tryGetProperties(datasets, blobName)) {
    await settleRetrainRecord(deps.registry, req, { state: 'assembled', blobName });
    return { kind: 'already_done', blobName };
  }
  const spec = await loadSpec(deps, req.model);
  const listed: BlobInfo[] = [];
  for await (const blob of deps.blobs.list(datasets, `${req.model}/`)) listed.push(blob);
  const drops = pickDrops(listed, req.model, spec, (deps.now ?? (() => new Date()))());

  const seen = new Set<string>();
  const dropRows: TrainingRow[] = [];
  const limits = {
    maxBytes: deps.settings.limits.maxDatasetBytes,
    maxRows: deps.settings.limits.maxDatasetRows,
  };
  for (const drop of drops) {
    const { data } = await deps.blobs.downloadToBuffer(datasets, drop.name);
    const table = await readDataset(data, drop.name, limits, spec.format);
    for (const c of table.columns) seen.add(c.name);
    for (const row of tableRows(table)) dropRows.push(row);
  }
  const logged = await labelledLogRows(
    {
      blobs: deps.blobs,
      registry: deps.registry,
      container: predictionLogs,
      inputsOf: async (version) => {
        const v = await deps.registry.getVersion(req.model, version);
        return v === undefined ? [] : versionInputs(v);
      },
    },
    req.model,
    spec.target,
  );
  for (const row of logged.rows) for (const name of Object.keys(row)) seen.add(name);
  const columns = trainingColumns(spec, [...seen]);
  // Drop rows first: a retrain.holdout of drops holds out only among the set's first dropRows.
  const rows = withinWindow([...dropRows, ...logged.rows], spec);
  const fromDrops = new Set(dropRows);
  const keptDropRows = rows.filter((row) => fromDrops.has(row)).length;
  if (rows.length === 0) {
    throw new AppError(
      'invalid',
      'no_training_data',
      `Nothing to retrain "${req.model}" on: no data drop under ${datasets}/${req.model}/ and no logged prediction with feedback${logged.unknownFeedback > 0 ? ` (${logged.unknownFeedback} feedback items match no logged request)` : ''}`,
      { model: req.model, unknownFeedback: logged.unknownFeedback },
    );
  }
  const content = Buffer.from(toJsonLines(rows, columns), 'utf8');
  if (rows.length > limits.maxRows || content.byteLength > limits.maxBytes) {
    throw new AppError(
      'too_large',
      'retrain_set_too_large',
      `The retrain window of "${req.model}" holds ${rows.length} rows (${content.byteLength} bytes), over the limits of ${limits.maxRows} rows (MAX_DATASET_ROWS) or ${limits.maxBytes} bytes (MAX_DATASET_BYTES): lower retrain.maxDrops or retrain.windowDays`,
      { rows: rows.length, bytes: content.byteLength },
    );
  }
  try {
    await deps.blobs.upload(datasets, blobName, content, {
      contentType: 'application/x-ndjson',
      ifNoneMatch: '*',
      metadata: retrainMetadata({ ...req, dropRows: keptDropRows }),
    });
  } catch (err) {
    // A concurrent delivery wrote it first: the same request, the same data.
    if (!(err instanceof AppError && err.category === 'conflict')) throw err;
    return { kind: 'already_done', blobName };
  }
  await settleRetrainRecord(deps.registry, req, { state: 'assembled', blobName });
  (deps.telemetry ?? NO_TELEMETRY).metric('RetrainRows', rows.length, { model: req.model });
  return {
    kind: 'assembled',
    blobName,
    rows: rows.length,
    drops: drops.map((d) => d.name),
    dropRows: dropRows.length,
    feedbackRows: logged.rows.length,
    unknownFeedback: logged.unknownFeedback,
    malformedLogLines: logged.malformedLines,
    unreadableLogValues: logged.unreadableValues,
    unknownVersionRows: logged.unknownVersionRows,
  };
}

function* tableRows(table: DataTable): Generator<TrainingRow> {
  for (let r = 0; r < table.rowCount; r++) {
    const row: TrainingRow = {};
    for (const column of table.columns) {
      const cell = cellAt(column, r);
      row[column.name] =
        column.sourceType === 'datetime' && typeof cell === 'number' ? new Date(cell).toISOString() : cell;
    }
    yield row;
  }
}

/** One JSON object per line, with exactly `columns` in that order (missing cells null). */
function toJsonLines(rows: readonly TrainingRow[], columns: readonly string[]): string {
  let out = '';
  for (const row of rows) {
    const picked: TrainingRow = {};
    for (const c of columns) picked[c] = row[c] ?? null;
    out += `${JSON.stringify(picked)}\n`;
  }
  return out;
}
