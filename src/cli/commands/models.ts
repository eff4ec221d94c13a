import type { Command } from 'commander';
import { apiCommand, clientFor, printRead, type ApiOptions } from '../command-options';

interface ModelItem {
  model: string;
  latestVersion: number;
  versionCount: number;
  productionVersion?: number;
  latestRun?: { status: string; error?: { code: string } };
  updatedAt: string;
}

export function modelsCommand(): Command {
  return apiCommand('models', { read: true })
    .description('list the models with their production and latest version')
    .action(async (opts: ApiOptions) => {
      const page = await clientFor(opts).get<{ items: ModelItem[] }>('/api/models?pageSize=100');
      printRead(
        opts,
        page,
        page.items,
        [
          { heading: 'MODEL', value: (m) => m.model },
          { heading: 'PRODUCTION', value: (m) => m.productionVersion, right: true },
          { heading: 'LATEST', value: (m) => m.latestVersion || undefined, right: true }, // 0: none yet
          { heading: 'VERSIONS', value: (m) => m.versionCount, right: true },
          { heading: 'LAST RUN', value: (m) => lastRun(m.latestRun) },
          { heading: 'UPDATED', value: (m) => m.updatedAt },
        ],
        'no models yet: upload data with `mlops upload <file> --model <name>`',
      );
    });
}

/** e.g. `succeeded`, or `failed (no_spec)`: a model whose runs all failed shows why. */
function lastRun(run: ModelItem['latestRun']): string | undefined {
  if (!run) return undefined;
  return run.error ? `${run.status} (${run.error.code})` : run.status;
}
