/** One predicted row as the prediction log keeps it (one JSON line). */
export interface LogRow {
  readonly requestId: string;
  /** 0-based index of the row in its request. */
  readonly row: number;
  readonly model: string;
  readonly version: number;
  readonly inputs: unknown;
  readonly prediction: number | string;
  readonly probabilities?: readonly number[];
  /** ISO time of the prediction. */
  readonly time: string;
  /** "batch" for rows of a scoring drop (requestId is then its run id); absent for HTTP predict. */
  readonly source?: 'batch';
  /**
   * True for a row scored beside the answer and never returned (the challenger in shadow mode, or
   * production on a canary's requests): the same requestId and row as the answered one.
   */
  readonly shadow?: true;
}

/**
 * A row as predict hands it to the log. `inputsJson`, when set, is the JSON text of `inputs`
 * exactly as the client sent it (one line, same value): the log copies it instead of serialising
 * `inputs` again.
 */
export interface PredictedRow extends LogRow {
  readonly inputsJson?: Uint8Array;
  /**
   * The same as `inputsJson`, for the rows of one request at once (one object they all share):
   * the row's inputs are `body[offsets[2 * row] .. offsets[2 * row + 1])`.
   */
  readonly sentInputs?: SentInputs;
}

/** A request body and where each of its rows' JSON starts and ends in it (see recordJsonOffsets). */
export interface SentInputs {
  readonly body: Uint8Array;
  readonly offsets: Int32Array;
}

/** `{model}/{yyyy}/{mm}/{dd}/{hh}/{instance}-{seq}.jsonl` for a batch's first row time (UTC). */
export function logBlobName(model: string, time: Date, instance: string, seq: number): string {
  const iso = time.toISOString();
  const [yyyy, mm, dd, hh] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10), iso.slice(11, 13)];
  return `${model}/${yyyy}/${mm}/${dd}/${hh}/${instance}-${String(seq).padStart(8, '0')}.jsonl`;
}
