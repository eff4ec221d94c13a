/** The monitoring kind drift reports are stored and listed by. */
export const DRIFT_KIND = 'drift';
/** The monitoring kind of the per-model checkpoint record. */
export const CHECKPOINT_KIND = 'checkpoint';
/** The one checkpoint record per model: where the last stored drift report ended. */
export const DRIFT_CHECKPOINT_ID = 'checkpoint:drift';

/**
 * Log blobs are named by the hour of their first row but written (flushed) later, up to the
 * prediction log's retries while storage is down: blobs of this many hours before the window are
 * listed too, and kept only when written inside the window.
 */
export const LATE_LOG_HOURS = 2;

/**
 * The time span of one drift check, in whole seconds: log blobs written at or after `from` and
 * before `to`. Whole seconds because blob times are (Last-Modified has no fraction): a blob
 * written during the second `to` belongs to the next window, never to none.
 */
export interface DriftWindow {
  readonly from: string;
  readonly to: string;
}

/** The time as a window bound: ISO, whole seconds (rounded down). */
export const windowBound = (time: Date | string): string =>
  new Date(Math.floor(new Date(time).getTime() / 1000) * 1000).toISOString();

/**
 * The report id of a window: derived from its end (the drift message's time), so a replayed
 * message overwrites its report instead of adding a second one.
 */
export const driftReportId = (window: DriftWindow): string => `drift:${window.to}`;

/** Whether a log blob written at `lastModified` belongs to the window (each blob to exactly one). */
export function writtenInWindow(lastModified: Date, window: DriftWindow): boolean {
  const t = lastModified.getTime();
  return t >= Date.parse(window.from) && t < Date.parse(window.to);
}

const HOUR_MS = 3_600_000;

/**
 * The `{model}/{yyyy}/{mm}/{dd}/{hh}/` folders that can hold blobs written in the window, oldest
 * first: from `lateHours` before the window's start to the hour of its end. Listing folder by
 * folder reads only the window's blobs, never the model's whole history.
 */
export function logHourPrefixes(model: string, window: DriftWindow, lateHours = LATE_LOG_HOURS): string[] {
  const first = Math.floor(Date.parse(window.from) / HOUR_MS) - lateHours;
  const last = Math.floor(Date.parse(window.to) / HOUR_MS);
  const prefixes: string[] = [];
  for (let hour = first; hour <= last; hour++) {
    const iso = new Date(hour * HOUR_MS).toISOString();
    prefixes.push(`${model}/${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(11, 13)}/`);
  }
  return prefixes;
}
