import type { Command } from 'commander';
import { modelPath } from '../api-client';
import { apiCommand, clientFor, type ApiOptions } from '../command-options';

interface RetrainDecision {
  sent: true;
  trigger: string;
  reason: string;
  requestedAt: string;
}

export function retrainCommand(): Command {
  return apiCommand('retrain')
    .description(
      "ask for a retrain now: the spec's retrain window becomes a new data drop (needs the operate role)",
    )
    .argument('<model>', 'model name')
    .option('--reason <text>', 'why, kept on the run lineage')
    .option('--json', 'print the API answer as JSON')
    .action(async (model: string, opts: ApiOptions & { reason?: string }) => {
      const decision = await clientFor(opts).post<RetrainDecision>(
        modelPath(model, '/retrain'),
        opts.reason ? { reason: opts.reason } : {},
        { as: 'operate' },
      );
      if (opts.json) process.stdout.write(`${JSON.stringify(decision, null, 2)}\n`);
      else
        process.stdout.write(
          `${model}: retrain asked (${decision.reason}); a new data drop is assembled and trained: follow it with mlops runs ${model}\n`,
        );
    });
}
