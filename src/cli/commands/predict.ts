import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { apiCommand, clientFor, type ApiOptions } from '../command-options';
import { castRecords, modelColumns, unknownColumns } from '../predict/model-inputs';
import { predictBatches, type BatchResult } from '../predict/predict-batches';
import { readRows, type FileRows } from '../predict/read-rows';

interface PredictOptions extends ApiOptions {
  format: 'csv' | 'json';
  version?: number;
  chunkRows: number;
  out?: string;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a whole number from 1`);
    return n;
  };
}

export function predictCommand(): Command {
  return apiCommand('predict')
    .description('score the rows of a .csv or .json file with the production version (in chunks)')
    .argument('<model>', 'model name')
    .argument('<file>', 'rows to score: .csv with a header line, or .json (a list of row objects)')
    .option('--format <format>', 'output: csv (the input columns plus prediction) or json', 'csv')
    .option('--version <n>', 'score with this version instead of production', positiveInteger('--version'))
    .option('--chunk-rows <n>', 'rows per request', positiveInteger('--chunk-rows'), 1000)
    .option('--out <file>', 'write the output here instead of standard output')
    .action(async (model: string, file: string, opts: PredictOptions) => {
      if (opts.format !== 'csv' && opts.format !== 'json') {
        throw new InvalidArgumentError(`--format must be csv or json, not "${String(opts.format)}"`);
      }
      const rows = readRows(file);
      const client = clientFor(opts);
      const columns = await modelColumns(client, model, opts.version);
      const unknown = unknownColumns(rows.columns, columns);
      if (unknown.length > 0) {
        // As the API does: rows straight from a training file carry columns the model never used.
        process.stderr.write(
          `${file}: ignoring ${unknown.length === 1 ? 'column' : 'columns'} ${unknown.join(', ')}, unknown to ` +
            `${model} version ${columns.version} (it takes ${columns.inputs.map((i) => i.name).join(', ')})\n`,
        );
      }
      const result = await predictBatches(
        client,
        model,
        castRecords(rows.records, columns, rows.decimalComma),
        {
          version: columns.version,
          limits: { rows: opts.chunkRows, bytes: 1024 * 1024 },
        },
      );
      const text = opts.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : toCsv(rows, result);
      if (opts.out) {
        writeFileSync(opts.out, text);
        process.stderr.write(`wrote ${result.predictions.length} predictions to ${opts.out}\n`);
      } else process.stdout.write(text);
    });
}

/** The input rows with a `prediction` column (and one per class probability) appended. */
function toCsv(rows: FileRows, result: BatchResult): string {
  const classes = result.probabilities ? (result.classes ?? []) : [];
  const header = [...rows.columns, 'prediction', ...classes.map((c) => `p_${c}`)];
  const lines = [header.map(csvCell).join(',')];
  rows.records.forEach((record, i) => {
    const values = [
      ...rows.columns.map((c) => record[c]),
      result.predictions[i],
      ...(result.probabilities?.[i] ?? []),
    ];
    lines.push(values.map(csvCell).join(','));
  });
  return `${lines.join('\n')}\n`;
}

function csvCell(value: unknown): string {
  const text =
    value === undefined || value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
