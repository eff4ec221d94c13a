import type { Command } from 'commander';
import type { Run } from '../../domain/run';
import { ApiError, modelPath, type ApiClient } from '../api-client';
import {
  driftedFeatures,
  qualityText,
  retrainText,
  type DriftCheck,
  type DriftHistory,
} from '../api/drift-history';
import { apiCommand, clientFor, type ApiOptions } from '../command-options';

/** One event of a model's log: when, what kind, and the line. */
export interface LogEvent {
  time: string;
  kind: 'run' | 'drift';
  message: string;
}

export function logsCommand(): Command {
  return apiCommand('logs', { read: true })
    .description(
      "a model's recent events, newest first: runs (started, ended, why they failed) and drift checks",
    )
    .argument('<model>', 'model name')
    .option('--limit <n>', 'most events to print', (v) => Number.parseInt(v, 10), 50)
    .action(async (model: string, opts: ApiOptions & { limit: number }) => {
      const events = (await modelEvents(clientFor(opts), model)).slice(0, opts.limit);
      if (opts.json) process.stdout.write(`${JSON.stringify({ model, items: events }, null, 2)}\n`);
      else if (events.length === 0) process.stdout.write(`${model} has no events yet\n`);
      else for (const e of events) process.stdout.write(`${e.time}  ${e.kind.padEnd(5)}  ${e.message}\n`);
    });
}

/** Run and drift-check events of a model from the public API, newest first. */
export async function modelEvents(client: ApiClient, model: string): Promise<LogEvent[]> {
  const runs = await client.get<{ items: Run[] }>(modelPath(model, '/runs?pageSize=50'));
  const events = runs.items.flatMap(runEvents);
  const drift = await client
    .get<DriftHistory>(modelPath(model, '/drift?pageSize=50'))
    .catch((err: unknown) => {
      // A deployment without the drift route still has a run log.
      if (err instanceof ApiError && err.routeMissing) return undefined;
      throw err;
    });
  for (const check of drift?.items ?? [])
    events.push({ time: check.createdAt, kind: 'drift', message: driftLine(check) });
  return events.sort((a, b) => b.time.localeCompare(a.time));
}

function runEvents(run: Run): LogEvent[] {
  const source = run.trigger?.blobName ?? run.trigger?.reason ?? run.trigger?.kind ?? 'unknown trigger';
  const events: LogEvent[] = [{ time: run.queuedAt, kind: 'run', message: `${run.id} queued (${source})` }];
  if (run.finishedAt && run.status === 'failed') {
    const reason = run.error ? `${run.error.code}: ${run.error.message}` : 'no reason recorded';
    events.push({
      time: run.finishedAt,
      kind: 'run',
      message: `${run.id} FAILED at stage ${run.stage ?? '-'}: ${reason}`,
    });
  } else if (run.finishedAt) {
    events.push({
      time: run.finishedAt,
      kind: 'run',
      message: `${run.id} succeeded: ${run.message ?? `version ${run.version ?? '-'}`}`,
    });
  } else if (run.startedAt) {
    events.push({
      time: run.startedAt,
      kind: 'run',
      message: `${run.id} ${run.status}, stage ${run.stage ?? '-'}`,
    });
  }
  return events;
}

function driftLine(check: DriftCheck): string {
  const parts = [`version ${check.version}: ${check.status}`];
  const features = driftedFeatures(check);
  if (features) parts.push(features);
  const quality = qualityText(check);
  if (quality) parts.push(`data quality: ${quality}`);
  const retrain = retrainText(check);
  if (retrain) parts.push(`retrain ${retrain}`);
  return parts.join('; ');
}
