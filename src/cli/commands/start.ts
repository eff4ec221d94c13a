import { Command } from 'commander';

export function startCommand(): Command {
  return new Command('start')
    .description('start the local runtime (emulators + the app on :7071), as npm start does; Ctrl-C stops it')
    .action(async () => {
      // The runtime's own entry: it reads local.settings*.json of the package root and keeps
      // the process alive until a signal.
      await import('../../local/main');
    });
}
