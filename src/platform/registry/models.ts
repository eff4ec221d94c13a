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

/**
 * Every model with a version or a spec, aggregated here: the stand-in has no GROUP BY or
 * DISTINCT, and the projection keeps the cross-partition read small.
 */
export async function listModels(models: Container): Promise<ModelSummary[]> {
  const rows = await queryAll<Row & { id?: string }>(models, {
    query:
      "SELECT c.model, c.type, c.version, c.name, c.updatedAt FROM c WHERE c.type = 'version' OR c.type = 'alias' OR c.type = 'spec'",
  });
  const byModel = new Map<string, ModelSummary>();
  for (const row of rows) {
    const s = byModel.get(row.model) ?? {
      model: row.model,
      latestVersion: 0,
      versionCount: 0,
      updatedAt: row.updatedAt,
    };
    if (row.type === 'version' && row.version !== undefined) {
      s.versionCount += 1;
      s.latestVersion = Math.max(s.latestVersion, row.version);
    }
    if (row.type === 'alias' && row.name === 'production') s.productionVersion = row.version;
    if (row.updatedAt > s.updatedAt) s.updatedAt = row.updatedAt;
    byModel.set(row.model, s);
  }
  return [...byModel.values()].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
}
