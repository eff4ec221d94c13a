import type { Command } from 'commander';
import { modelPath } from '../api-client';
import { apiCommand, clientFor, versionNumber, type ApiOptions } from '../command-options';

interface PromotionResult {
  model: string;
  version: number;
  previous?: number;
  action: 'promotion' | 'rollback' | 'unchanged';
}

export function promoteCommand(): Command {
  return apiCommand('promote')
    .description(
      'point production at a version (promote or roll back; needs the operate role: --operator-key)',
    )
    .argument('<model>', 'model name')
    .argument('<version>', 'version number', versionNumber)
    .option('--reason <text>', 'why, kept on the alias and the version')
    .option('--json', 'print the API answer as JSON')
    .action(async (model: string, version: number, opts: ApiOptions & { reason?: string }) => {
      const result = await clientFor(opts).post<PromotionResult>(
        modelPath(model, '/aliases/production'),
        { version, ...(opts.reason && { reason: opts.reason }) },
        { as: 'operate' },
      );
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (result.action === 'unchanged')
        process.stdout.write(`${model}: version ${version} is already in production\n`);
      else {
        const from = result.previous === undefined ? '' : ` (was ${result.previous})`;
        process.stdout.write(`${model}: ${result.action} to version ${result.version}${from}\n`);
      }
    });
}
