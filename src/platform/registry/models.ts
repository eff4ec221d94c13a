import type { Container } from '@azure/cosmos';
import type { ModelSummary } from '../../domain/documents';
import { queryAll } from './paging';

interface Row {
  model: string;
  type: 'version' | 'alias' | 'spec';
  version?: number;
  name?: string;
  updatedAt: string;
}

type LatestRun = NonNullable<ModelSummary['latestRun']>;

/**
 * Every model with a version, a spec or a run, aggregated here: the stand-in has no GROUP BY or
 * DISTINCT, and the projections keep the cross-partition reads small.
 */
export async function listModels(models: Container, runs: Container): Promise<ModelSummary[]> {
  const [rows, runRows] = await Promise.all([
    queryAll<Row & { id?: string }>(models, {
      query:
        "SELECT c.model, c.type, c.version, c.name, c.updatedAt FROM c WHERE c.type = 'version' OR c.type = 'alias' OR c.type = 'spec'",
    }),
    queryAll<LatestRun & { model: string }>(runs, {
      query: "SELECT c.model, c.id, c.status, c.queuedAt, c.finishedAt, c.error FROM c WHERE c.type = 'run'",
    }),
  ]);
  const byModel = new Map<string, ModelSummary>();
  const summary = (model: string, updatedAt: string): ModelSummary => {
    const s = byModel.get(model) ?? { model, latestVersion: 0, versionCount: 0, updatedAt };
    if (updatedAt > s.updatedAt) s.updatedAt = updatedAt;
    byModel.set(model, s);
    return s;
  };
  for (const row of rows) {
    const s = summary(row.model, row.updatedAt);
    if (row.type === 'version' && row.version !== undefined) {
      s.versionCount += 1;
      s.latestVersion = Math.max(s.latestVersion, row.version);
    }
    if (row.type === 'alias' && row.name === 'production') s.productionVersion = row.version;
  }
  for (const { model, ...run } of runRows) {
    const s = summary(model, run.finishedAt ?? run.queuedAt);
    if (!s.latestRun || run.queuedAt > s.latestRun.queuedAt) s.latestRun = latestRun(run);
  }
  return [...byModel.values()].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}

function latestRun(run: LatestRun): LatestRun {
  return {
    id: run.id,
    status: run.status,
    queuedAt: run.queuedAt,
    ...(run.finishedAt !== undefined && { finishedAt: run.finishedAt }),
    ...(run.error !== undefined && { error: run.error }),
  };
}
