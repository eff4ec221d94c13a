#!/usr/bin/env node
import { Command } from 'commander';
import { demoCommand } from './commands/demo';
import { driftCommand } from './commands/drift';
import { generateCommand } from './commands/generate';
import { logsCommand } from './commands/logs';
import { modelsCommand } from './commands/models';
import { predictCommand } from './commands/predict';
import { promoteCommand } from './commands/promote';
import { challengerCommand } from './commands/challenger';
import { retrainCommand } from './commands/retrain';
import { runsCommand } from './commands/runs';
import { startCommand } from './commands/start';
import { scoreCommand } from './commands/score';
import { uploadCommand } from './commands/upload';
import { versionsCommand } from './commands/versions';

/** The `mlops` command line: one sub-command per file under commands/. */
export function buildProgram(): Command {
  return new Command('mlops')
    .description(
      'Drive the MLOps loop: generate data, upload it, watch runs, query models. Talks to --url/MLOPS_URL ' +
        'with a key per role (--key, --feedback-key, --operator-key, --admin-key or MLOPS_*); by default the ' +
        'local runtime and the keys npm start wrote to local.settings.json.',
    )
    .addCommand(startCommand())
    .addCommand(generateCommand())
    .addCommand(uploadCommand())
    .addCommand(modelsCommand())
    .addCommand(versionsCommand())
    .addCommand(promoteCommand())
    .addCommand(challengerCommand())
    .addCommand(retrainCommand())
    .addCommand(predictCommand())
    .addCommand(scoreCommand())
    .addCommand(driftCommand())
    .addCommand(runsCommand())
    .addCommand(logsCommand())
    .addCommand(demoCommand());
}

if (require.main === module) {
  // A closed pipe (`mlops generate | head`) is the reader being done, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`mlops: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
