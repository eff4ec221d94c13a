import { Command, InvalidArgumentError } from 'commander';
import { scoreFile, type ScoreOptions } from '../score/score-file';

function positive(name: string, integer: boolean) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new InvalidArgumentError(`${name} must be a positive ${integer ? 'whole number' : 'number'}`);
    return n;
  };
}

export function scoreCommand(): Command {
  return new Command('score')
    .description(
      'batch-score a file: upload it to scoring/{model}/, follow the run, download its predictions',
    )
    .argument('<model>', 'model name')
    .argument('<file>', 'rows to score: .csv, .jsonl or .parquet')
    .option('--version <n>', 'score with this version (default: production)', positive('--version', true))
    .option('--out <file>', 'where to write the predictions (default <file>.predictions.<ext>)')
    .option('--url <url>', 'the Functions app (default http://localhost:{LocalHttpPort or 7071})')
    .option('--key <key>', 'function key (default LOCAL_FUNCTION_KEY from local.settings*.json)')
    .option('--connection-string <cs>', 'storage account (default AzureWebJobsStorage: the local Azurite)')
    .option('--interval <s>', 'seconds between polls', positive('--interval', false), 1)
    .option('--timeout <s>', 'seconds to follow the run before giving up', positive('--timeout', false), 600)
    .action(
      async (model: string, file: string, opts: ScoreOptions & { interval: number; timeout: number }) => {
        const { interval, timeout, ...rest } = opts;
        await scoreFile(
          model,
          file,
          {
            ...rest,
            intervalMs: interval * 1000,
            timeoutMs: timeout * 1000,
            ...(process.stderr.isTTY && { progress: process.stderr }),
          },
          (line) => process.stdout.write(`${line}\n`),
        );
      },
    );
}
