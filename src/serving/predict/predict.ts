import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import type { Telemetry } from '../../platform/ports/telemetry';
import { readBody, type BodySource } from '../http/json-body';
import type { ModelCache } from '../model-cache/model-cache';
import { InvalidRowsError, type RowProblem } from '../model-cache/served-model';
import type { PredictedRow, SentInputs } from '../../domain/log-row';
import type { ServedModel } from '../model-cache/served-model';
import type { ChallengerTraffic } from './challenger-traffic';
import { bodyRows } from './formats/registry';
import { parseBody } from './parse-json-body';
import { recordJsonOffsets } from './record-json-spans';
import { scoreInChunks } from './score-in-chunks';

/** What predict is given: the model cache, the log, and the request limits. */
export interface PredictDeps {
  readonly cache: Pick<ModelCache, 'resolve'>;
  readonly log: { append(rows: readonly PredictedRow[]): Promise<void> };
  readonly limits: { readonly maxPredictRows: number; readonly maxPredictBytes: number };
  readonly now?: () => Date;
  readonly newRequestId?: () => string;
  /** Receives PredictionLatencyMs and PredictionRows per model and version; default none. */
  readonly telemetry?: Telemetry;
  /** Routes requests of a model with a challenger (shadow or canary); default: no trials. */
  readonly challengers?: Pick<ChallengerTraffic, 'plan' | 'shadow'>;
}

export interface PredictRequest {
  readonly model: string;
  /** `?version=N`; default the production version. */
  readonly version?: number;
  readonly body: BodySource;
  /** `x-routing-key`: keeps a client on one side of a canary; default the request id. */
  readonly routingKey?: string;
}

/** The contract's answer; classifiers add class labels and per-row probabilities. */
export interface PredictResponse {
  model: string;
  version: number;
  requestId: string;
  predictions: (number | string)[];
  classes?: readonly string[];
  probabilities?: number[][];
}

// A 400 lists at most this many field problems: enough to fix a request, bounded in size.
const MAX_REPORTED_PROBLEMS = 20;

/**
 * Scores a predict request: body read within the limits, rows parsed from any request format,
 * checked field by field against the version's inputs (as they are encoded, chunk by chunk:
 * nothing is answered or logged unless every row is valid), scored, every row logged.
 */
export async function predict(deps: PredictDeps, request: PredictRequest): Promise<PredictResponse> {
  const started = performance.now();
  const body = await readBody(request.body, {
    maxBytes: deps.limits.maxPredictBytes,
    setting: 'MAX_PREDICT_BYTES',
    advice: 'split the request',
  });
  const parsed = parseBody(body.text);
  const { records, format } = bodyRows(parsed.value);
  const max = deps.limits.maxPredictRows;
  if (records.length > max) {
    throw new AppError(
      'too_large',
      'too_many_rows',
      `The request has ${records.length} rows; the limit is ${max} (MAX_PREDICT_ROWS): split it`,
      { limit: max, rows: records.length },
    );
  }
  const production = await deps.cache.resolve(request.model, request.version);
  const problems = production.validate(records);
  if (problems.length > 0) throw invalidRows(problems);
  const requestId = deps.newRequestId?.() ?? randomUUID();
  // A pinned version is the client's choice: trials meet only production's traffic.
  const plan =
    request.version === undefined && deps.challengers
      ? await deps.challengers.plan(request.model, production.version, request.routingKey ?? requestId)
      : undefined;
  let model = production;
  let beside = plan?.served;
  if (plan?.answers) {
    // A canary answers only rows it can read (production, checked above, is scored beside it);
    // rows it cannot read are answered by production alone: there is nothing to compare.
    if (plan.served.validate(records).length === 0) [model, beside] = [plan.served, production];
    else beside = undefined;
  }
  let scored;
  try {
    scored = await scoreInChunks(model, records);
  } catch (err) {
    if (err instanceof InvalidRowsError) throw invalidRows(err.problems);
    throw err;
  }
  const time = (deps.now?.() ?? new Date()).toISOString();
  // The rows' own bytes, logged as sent, when the body is plain JSON with one object per row.
  const offsets = parsed.strict && format.rowsAsSent ? recordJsonOffsets(body.bytes, format.key) : undefined;
  const sentInputs = offsets?.length === 2 * records.length ? { body: body.bytes, offsets } : undefined;
  await deps.log.append(logRows(model, requestId, records, scored, time, sentInputs, false));
  if (beside && deps.challengers) {
    const other = beside;
    // After the answer, so the other version costs the client nothing; its rows share the
    // request id and row numbers, marked shadow, for the live comparison.
    deps.challengers.shadow(
      other,
      records,
      (shadow) => deps.log.append(logRows(other, requestId, records, shadow, time, sentInputs, true)),
      other === production,
    );
  }
  if (deps.telemetry) {
    const properties = { model: model.model, version: String(model.version) };
    deps.telemetry.metric('PredictionLatencyMs', performance.now() - started, properties);
    deps.telemetry.metric('PredictionRows', records.length, properties);
  }
  return {
    model: model.model,
    version: model.version,
    requestId,
    predictions: scored.predictions,
    ...(model.classes && { classes: model.classes }),
    ...(scored.probabilities && { probabilities: scored.probabilities }),
  };
}

/** One log row per record: the version's predictions under the request's id. */
function logRows(
  model: ServedModel,
  requestId: string,
  records: readonly unknown[],
  scored: { predictions: (number | string)[]; probabilities?: number[][] },
  time: string,
  sentInputs: SentInputs | undefined,
  shadow: boolean,
): PredictedRow[] {
  const { predictions, probabilities } = scored;
  const rows = new Array<PredictedRow>(records.length);
  for (let row = 0; row < records.length; row++) {
    // Written out (no spread) and with requestId first: the log serialises whole batches, and
    // JSON.stringify leaves out the keys that are undefined (probabilities of a regressor,
    // sentInputs when the inputs are serialised, shadow on the answered rows).
    rows[row] = {
      requestId,
      row,
      model: model.model,
      version: model.version,
      inputs: records[row],
      prediction: predictions[row]!,
      probabilities: probabilities?.[row],
      time,
      shadow: shadow ? true : undefined,
      sentInputs,
    };
  }
  return rows;
}

function invalidRows(problems: RowProblem[]): AppError {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return new AppError('invalid', 'invalid_rows', `Row ${first.row}: ${first.message}${more}`, {
    issues: problems.slice(0, MAX_REPORTED_PROBLEMS),
    problems: problems.length,
  });
}
