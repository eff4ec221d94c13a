import { DataError } from '../../ml/errors';
import { parseDateAs, type DateFormat } from '../../ml/schema/date-format';
import { parseDateTime } from '../../ml/schema/datetime';
import { detectDateFormat } from '../../ml/schema/detect-date-format';
import type { BlobInfo } from '../../platform/ports/blob-store';
import { notADataDrop } from '../../domain/data-drop';
import type { ModelSpec } from '../../domain/spec/model-spec';

/** One row of the assembled training set: column → cell (null = missing). */
export type TrainingRow = Record<string, number | string | boolean | null>;

const DAY_MS = 86_400_000;

/** Data blobs this code writes itself: derived from the drops, never a source of the next window. */
export const RETRAIN_BLOB_PREFIX = 'retrain-';

/**
 * The data drops a retrain reads: direct children of `{model}/` that are data files (not the
 * spec, not an earlier assembled set), newest first, at most `retrain.maxDrops`. Without a time
 * column, `retrain.windowDays` keeps the drops written in the last D days.
 */
export function pickDrops(blobs: readonly BlobInfo[], model: string, spec: ModelSpec, now: Date): BlobInfo[] {
  const prefix = `${model}/`;
  const oldest =
    spec.retrain.windowDays !== undefined && spec.timeColumn === undefined
      ? now.getTime() - spec.retrain.windowDays * DAY_MS
      : -Infinity;
  return blobs
    .filter((b) => {
      if (!b.name.startsWith(prefix)) return false;
      const name = b.name.slice(prefix.length);
      if (name.includes('/') || name.startsWith(RETRAIN_BLOB_PREFIX)) return false;
      return notADataDrop(name) === undefined && b.lastModified.getTime() >= oldest;
    })
    .sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime() || b.name.localeCompare(a.name))
    .slice(0, spec.retrain.maxDrops);
}

/**
 * The columns of the assembled set: with `features` in the spec, exactly the columns the spec
 * names (features, target, time, exclude and slice columns, as training checks them); else
 * every column seen, so training infers the features as it would from a drop.
 */
export function trainingColumns(spec: ModelSpec, seen: readonly string[]): string[] {
  if (spec.features === undefined) return seen.includes(spec.target) ? [...seen] : [...seen, spec.target];
  const named = [
    ...spec.features,
    ...(spec.timeColumn === undefined ? [] : [spec.timeColumn]),
    ...spec.exclude,
    ...spec.validation.sliceColumns,
    spec.target,
  ];
  return [...new Set(named)];
}

/**
 * With a time column and `retrain.windowDays`: the rows of the last D days before the newest row
 * (relative to the data, not the clock, so history replayed later keeps its window). Rows whose
 * time does not parse are kept: training reports them.
 */
export function withinWindow(rows: readonly TrainingRow[], spec: ModelSpec): TrainingRow[] {
  const column = spec.timeColumn;
  const days = spec.retrain.windowDays;
  if (column === undefined || days === undefined) return [...rows];
  const timeOf = timeReader(rows, column, spec.format.dateFormats[column]);
  const times = rows.map((r) => timeOf(r[column]));
  let newest = -Infinity;
  for (const t of times) if (t > newest) newest = t;
  const cutoff = newest - days * DAY_MS;
  return rows.filter((_, i) => Number.isNaN(times[i]!) || times[i]! >= cutoff);
}

/**
 * Reads the time column's cells as training will: ISO 8601, or the spec's date form, or the form
 * detected from these cells (an ambiguous one leaves the times unread: training says why).
 */
function timeReader(
  rows: readonly TrainingRow[],
  column: string,
  format: DateFormat | undefined,
): (cell: TrainingRow[string] | undefined) => number {
  let form = format;
  if (form === undefined) {
    const texts = [...new Set(rows.map((r) => r[column]).filter((c): c is string => typeof c === 'string'))];
    try {
      form = detectDateFormat(column, texts, new Array<number>(texts.length).fill(1))?.format;
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      return (cell) => (typeof cell === 'number' ? cell : NaN);
    }
  }
  return (cell) => {
    if (typeof cell === 'number') return cell;
    if (typeof cell !== 'string') return NaN;
    return (form === undefined ? parseDateTime(cell) : parseDateAs(cell, form)) ?? NaN;
  };
}
