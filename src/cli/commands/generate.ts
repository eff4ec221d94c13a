import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import { csvHeader, toCsvLine, toJsonLine, type OutputFormat } from '../../datagen/format';
import { generateTaxiDemand, TAXI_DEMAND_SPEC } from '../../datagen/taxi-demand';

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

/** Streams rows with back-pressure, so a million rows never sit in memory at once. */
async function writeRows(out: Writable, lines: Iterable<string>): Promise<void> {
  for (const line of lines) {
    if (!out.write(line)) await once(out, 'drain');
  }
}

export function generateCommand(): Command {
  return new Command('generate')
    .description('generate synthetic hourly taxi demand by zone (weather, holidays, seasonality, drift)')
    .option('--start <date>', 'first day, ISO date', '2025-01-01')
    .option('--days <n>', 'number of days', positiveNumber('--days'), 60)
    .option('--zones <n>', 'number of zones', positiveNumber('--zones'), 8)
    .option('--seed <n>', 'random seed', positiveNumber('--seed'), 42)
    .option('--drift [from]', 'switch drift on (from an ISO date, or for every row)')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--out <file>', 'output file (default: standard output)')
    .option('--spec-out <file>', 'also write a model spec that trains a demand model on this data')
    .action(async (opts: Record<string, string | number | boolean | undefined>) => {
      const format = opts.format as OutputFormat;
      if (format !== 'csv' && format !== 'jsonl') {
        throw new InvalidArgumentError(`--format must be csv or jsonl, not "${String(opts.format)}"`);
      }
      const rows = generateTaxiDemand({
        start: opts.start as string,
        days: opts.days as number,
        zones: Math.round(opts.zones as number),
        seed: opts.seed as number,
        drift: opts.drift as boolean | string | undefined,
      });
      if (opts.specOut) {
        await writeFile(opts.specOut as string, JSON.stringify(TAXI_DEMAND_SPEC, null, 2) + '\n');
        process.stderr.write(`wrote ${String(opts.specOut)}\n`);
      }
      const out: Writable = opts.out ? createWriteStream(opts.out as string) : process.stdout;
      function* lines(): Generator<string> {
        if (format === 'csv') yield csvHeader();
        for (const row of rows) yield format === 'csv' ? toCsvLine(row) : toJsonLine(row);
      }
      await writeRows(out, lines());
      if (opts.out) {
        out.end();
        await once(out, 'finish');
        process.stderr.write(`wrote ${String(opts.out)}\n`);
      }
    });
}
