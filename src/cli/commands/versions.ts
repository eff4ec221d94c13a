import type { Command } from 'commander';
import type { ModelVersion } from '../../domain/model-version';
import { modelPath } from '../api-client';
import { apiCommand, clientFor, printRead, type ApiOptions } from '../command-options';
import { formatLeftOut } from '../output/left-out';
import { formatMetrics } from '../output/table';

export function versionsCommand(): Command {
  return apiCommand('versions', { read: true })
    .description("list a model's versions, newest first: status, metrics, gates, dataset, rows left out")
    .argument('<model>', 'model name')
    .action(async (model: string, opts: ApiOptions) => {
      const page = await clientFor(opts).get<{ items: ModelVersion[] }>(
        modelPath(model, '/versions?pageSize=100'),
      );
      printRead(
        opts,
        page,
        page.items,
        [
          { heading: 'VERSION', value: (v) => v.version, right: true },
          { heading: 'STATUS', value: (v) => v.status },
          { heading: 'METRICS', value: (v) => formatMetrics(v.metrics) },
          { heading: 'GATES', value: (v) => gates(v) },
          { heading: 'DATASET', value: (v) => v.lineage?.blobName },
          { heading: 'LEFT OUT', value: (v) => formatLeftOut(v.lineage?.leftOut) },
          { heading: 'CREATED', value: (v) => v.createdAt },
        ],
        `${model} has no versions yet`,
      );
    });
}

function gates(v: ModelVersion): string {
  if (v.gates.length === 0) return '';
  const failed = v.gates.filter((g) => !g.passed).length;
  return failed === 0 ? `${v.gates.length} passed` : `${failed} of ${v.gates.length} failed`;
}
