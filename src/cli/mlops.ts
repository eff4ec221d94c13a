#!/usr/bin/env node
import { Command } from 'commander';
import { generateCommand } from './commands/generate';
import { uploadCommand } from './commands/upload';

/** The `mlops` command line: one sub-command per file under commands/. */
export function buildProgram(): Command {
  return new Command('mlops')
    .description('Drive the MLOps loop: generate data, upload it, watch runs, query models')
    .addCommand(generateCommand())
    .addCommand(uploadCommand());
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
