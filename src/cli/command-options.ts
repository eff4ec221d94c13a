import { Command, InvalidArgumentError } from 'commander';
import { ApiClient } from './api-client';
import { resolveConnection, type ConnectionOptions } from './connection';
import { renderTable, type Column } from './output/table';

/** Options every command that talks to the app takes. */
export interface ApiOptions extends ConnectionOptions {
  json?: boolean;
}

/** A command with --url, a key per role, --token (and --json for reads). */
export function apiCommand(name: string, options: { read?: boolean } = {}): Command {
  const command = new Command(name)
    .option('--url <url>', 'the Functions app (default MLOPS_URL, else the local runtime on :7071)')
    .option(
      '--key <key>',
      'predict (function) key (default MLOPS_KEY, else LOCAL_FUNCTION_KEY of local.settings)',
    )
    .option(
      '--feedback-key <key>',
      'feedback key (default MLOPS_FEEDBACK_KEY, else LOCAL_FEEDBACK_KEY of local.settings)',
    )
    .option(
      '--operator-key <key>',
      'operate key (default MLOPS_OPERATOR_KEY, else LOCAL_OPERATOR_KEY of local.settings)',
    )
    .option(
      '--admin-key <key>',
      'host admin key (default MLOPS_ADMIN_KEY, else LOCAL_ADMIN_KEY of local.settings)',
    )
    .option(
      '--token <token>',
      'Entra ID access token for feedback and operate routes in Azure (MLOPS_TOKEN)',
    );
  if (options.read) command.option('--json', 'print the API answer as JSON instead of a table');
  return command;
}

export function clientFor(options: ConnectionOptions): ApiClient {
  return new ApiClient(resolveConnection(options));
}

/** Prints `value` as JSON with --json, else its rows as a table (or `empty` when none). */
export function printRead<T>(
  options: ApiOptions,
  value: unknown,
  rows: readonly T[],
  columns: readonly Column<T>[],
  empty: string,
): void {
  if (options.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stdout.write(`${rows.length === 0 ? empty : renderTable(rows, columns)}\n`);
}

/** A `<version>` argument: a whole number from 1. */
export function versionNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a version is a whole number from 1');
  return n;
}
