import { Command, InvalidArgumentError, Option } from 'commander';
import { modelPath } from '../api-client';
import { apiCommand, clientFor, versionNumber, type ApiOptions } from '../command-options';

interface ChallengerAnswer {
  model: string;
  version: number;
  trial: { mode: 'shadow' | 'canary'; share?: number; against: number | null };
}

interface RetiredAnswer {
  model: string;
  version: number;
}

function share(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('a share is a number between 0 and 1, e.g. 0.1');
  return n;
}

const print = (opts: { json?: boolean }, answer: unknown, line: string): void => {
  process.stdout.write(opts.json ? `${JSON.stringify(answer, null, 2)}\n` : `${line}\n`);
};

/** `mlops challenger set|retire`: a version on trial beside production (the operate role). */
export function challengerCommand(): Command {
  const set = apiCommand('set')
    .description('put a validated version on trial beside production (needs the operate role)')
    .argument('<model>', 'model name')
    .argument('<version>', 'version number', versionNumber)
    .addOption(
      new Option('--mode <mode>', 'shadow: scored beside production, never answers; canary: answers a share')
        .choices(['shadow', 'canary'])
        .default('shadow'),
    )
    .option('--share <share>', "canary: the share of requests it answers (default the spec's)", share)
    .option('--reason <text>', 'why, kept on the alias and the version')
    .option('--json', 'print the API answer as JSON')
    .action(
      async (
        model: string,
        version: number,
        opts: ApiOptions & { mode: 'shadow' | 'canary'; share?: number; reason?: string },
      ) => {
        if (opts.share !== undefined && opts.mode !== 'canary') {
          throw new InvalidArgumentError('--share is for --mode canary');
        }
        const answer = await clientFor(opts).post<ChallengerAnswer>(
          modelPath(model, '/aliases/challenger'),
          {
            version,
            mode: opts.mode,
            ...(opts.share !== undefined && { share: opts.share }),
            ...(opts.reason && { reason: opts.reason }),
          },
          { as: 'operate' },
        );
        const { trial } = answer;
        const how = trial.mode === 'canary' ? `canary, ${(trial.share ?? 0) * 100}% of requests` : 'shadow';
        print(
          opts,
          answer,
          `${model}: version ${answer.version} on trial (${how}) against version ${trial.against}`,
        );
      },
    );
  const retire = apiCommand('retire')
    .description("end the challenger's trial: its version goes back to validated (needs the operate role)")
    .argument('<model>', 'model name')
    .option('--reason <text>', 'why, kept on the version')
    .option('--json', 'print the API answer as JSON')
    .action(async (model: string, opts: ApiOptions & { reason?: string }) => {
      const answer = await clientFor(opts).delete<RetiredAnswer>(
        modelPath(model, '/aliases/challenger'),
        opts.reason ? { reason: opts.reason } : {},
        { as: 'operate' },
      );
      print(opts, answer, `${model}: challenger version ${answer.version} retired`);
    });
  return new Command('challenger')
    .description('a challenger version on live traffic beside production: set or retire it')
    .addCommand(set)
    .addCommand(retire);
}
