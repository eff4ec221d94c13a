import type { Command } from 'commander';
import type { Run } from '../../domain/run';
import { modelPath } from '../api-client';
import { apiCommand, clientFor, printRead, type ApiOptions } from '../command-options';
import { formatLeftOut } from '../output/left-out';

export function runsCommand(): Command {
  return apiCommand('runs', { read: true })
    .description(
      "list a model's training runs, newest first, with progress, rows left out or the failure reason",
    )
    .argument('<model>', 'model name')
    .action(async (model: string, opts: ApiOptions) => {
      const page = await clientFor(opts).get<{ items: Run[] }>(modelPath(model, '/runs?pageSize=50'));
      printRead(
        opts,
        page,
        page.items,
        [
          { heading: 'RUN', value: (r) => r.id },
          { heading: 'STATUS', value: (r) => r.status },
          { heading: 'STAGE', value: (r) => stage(r) },
          { heading: 'VERSION', value: (r) => r.version, right: true },
          { heading: 'TRIGGER', value: (r) => r.trigger?.blobName ?? r.trigger?.kind },
          { heading: 'QUEUED', value: (r) => r.queuedAt },
          { heading: 'LEFT OUT', value: (r) => formatLeftOut(r.leftOut) },
          { heading: 'ERROR', value: (r) => (r.error ? `${r.error.code}: ${r.error.message}` : '') },
        ],
        `${model} has no runs yet`,
      );
    });
}

function stage(run: Run): string {
  const progress =
    run.progress === undefined || run.status !== 'running' ? '' : ` ${Math.round(run.progress * 100)}%`;
  return `${run.stage ?? ''}${progress}`;
}
