import type { MonitoringDocument } from '../../domain/documents';
import { AppError } from '../../errors';
import type { DriftRequest } from '../../domain/messages';
import type { BlobStore } from '../../platform/ports/blob-store';
import type { MessageQueue } from '../../platform/ports/message-queue';
import type { Registry } from '../../platform/ports/registry';
import type { Stored } from '../../platform/ports/stored';
import type { Telemetry } from '../../platform/ports/telemetry';
import { checkDrift } from './report/check-drift';
import { requestRetrain, type RetrainDecision } from '../retrain/request-retrain';
import { retrainHalt } from '../retrain/retrain-halt';
import { toDriftDocument, type DriftRecord, type DriftStatus } from './drift-record';
import { advanceCheckpoint, readCheckpoint } from './checkpoint';
import { DRIFT_CHECKPOINT_ID, driftReportId, windowBound, type DriftWindow } from './drift-window';
import { joinEarlierLogs } from './feedback-lookback';
import { LiveErrorJoin } from './live-error';
import { liveErrorScoring } from './live-error-scoring';
import { windowLogLines, type LogScan } from './log-blob-lines';
import { monitoringSpec } from './monitoring-spec';
import { retrainAsk } from './retrain-ask';
import { rankedInputs } from './ranked-inputs';
import { recentReference } from './recent-reference';
import { reportTelemetry } from './report-telemetry';
import { versionInputs } from './version-inputs';
import { windowFeedback } from './window-feedback';
import type { TrialMoves } from '../../domain/trial';
import { openTrial, settleTrial, type OpenTrial } from '../trial/evaluate-trial';
import { monitorableProfile, versionRows } from './version-rows';

/** The ports a drift check takes. */
export interface DriftCheckDeps {
  readonly blobs: Pick<BlobStore, 'list' | 'download' | 'tryGetProperties' | 'downloadToBuffer'>;
  readonly registry: Pick<
    Registry,
    | 'getVersion'
    | 'getSpec'
    | 'getMonitoring'
    | 'putMonitoring'
    | 'listMonitoring'
    | 'getAlias'
    | 'listVersions'
  >;
  /** Ends or records a challenger's trial; without it challengers are not evaluated. */
  readonly trials?: TrialMoves;
  readonly queue: MessageQueue;
  readonly telemetry: Telemetry;
  readonly settings: {
    readonly containers: { readonly datasets: string; readonly predictionLogs: string };
    readonly queues: { readonly retrain: string };
  };
  readonly now?: () => Date;
}

export type DriftCheckOutcome =
  | { kind: 'reported'; id: string; status: DriftStatus; rows: number; retrain: RetrainDecision | null }
  /** No log blob written in the window: no report, the checkpoint stays. */
  | { kind: 'no_logs' }
  /** Blobs, but no row of the version: no report; the checkpoint moves past them. */
  | { kind: 'no_rows'; blobs: number }
  /** The checkpoint is already at or past this message's time (a replay after success). */
  | { kind: 'already_checked' }
  /** Another check of the same model advanced the checkpoint first; this report is its window's. */
  | { kind: 'lost_race'; id: string };

/**
 * Checks one model's production version: reads the prediction-log blobs written since the
 * checkpoint, one line at a time, scores drift against the version's training profile and live
 * error against its validation metric, asks for a retrain on drift or a breach, stores the report
 * (id from the window, so a replay overwrites it) and only then advances the checkpoint with
 * compare-and-swap. A version with no training profile gets a `not_monitorable` report once.
 */
export async function checkModelDrift(deps: DriftCheckDeps, req: DriftRequest): Promise<DriftCheckOutcome> {
  const { model } = req;
  const time = Date.parse(req.requestedAt);
  if (Number.isNaN(time)) {
    throw new AppError(
      'invalid',
      'bad_message',
      `Malformed drift-requests message: requestedAt: not a time "${req.requestedAt}"`,
    );
  }
  const version = await deps.registry.getVersion(model, req.version);
  if (!version) {
    throw new AppError(
      'not_found',
      'version_not_found',
      `Drift check of "${model}": no version ${req.version}`,
      {
        model,
        version: req.version,
      },
    );
  }
  const stored = await deps.registry.getMonitoring(model, DRIFT_CHECKPOINT_ID);
  const checkpoint = readCheckpoint(stored);
  const to = windowBound(new Date(time));
  // The first check starts at the version's creation: no row of it can be older.
  const window: DriftWindow = { from: checkpoint?.to ?? windowBound(version.createdAt), to };
  if (window.from >= window.to) return { kind: 'already_checked' };
  const id = driftReportId(window);
  const now = clock(deps).toISOString();

  const profile = monitorableProfile(version);
  if (typeof profile === 'string') {
    if (checkpoint?.version === version.version && checkpoint.status === 'not_monitorable') {
      return { kind: 'already_checked' };
    }
    const record: DriftRecord = {
      version: version.version,
      status: 'not_monitorable',
      window,
      rows: 0,
      report: null,
      liveError: null,
      retrain: null,
      reason: profile,
    };
    return store(deps, stored, toDriftDocument(model, id, now, record), record);
  }

  const spec = await monitoringSpec(
    { registry: deps.registry, blobs: deps.blobs, datasetsContainer: deps.settings.containers.datasets },
    model,
  );
  const feedback = await windowFeedback(deps.registry, model, window);
  const join = new LiveErrorJoin(feedback, liveErrorScoring(version));
  const trial: OpenTrial | undefined = deps.trials
    ? await openTrial({ registry: deps.registry, moves: deps.trials }, version, spec, feedback)
    : undefined;
  const scan: LogScan = { blobs: 0, bytes: 0 };
  const lines = windowLogLines(deps.blobs, deps.settings.containers.predictionLogs, model, window, scan);
  const recent =
    spec.monitoring.reference === 'recent'
      ? await recentReference(
          deps.registry,
          model,
          version.version,
          window,
          spec.monitoring.referenceWindowsBack,
        )
      : {};
  const report = await checkDrift(
    { profile, inputs: versionInputs(version), importance: rankedInputs(version), ...recent },
    spec.monitoring,
    versionRows(lines, version.version, join, trial?.join),
  );
  if (scan.blobs === 0) return { kind: 'no_logs' };
  if (report.rows === 0 && report.malformedLines === 0) {
    await advanceCheckpoint(deps.registry, clock(deps), model, stored, { to, version: version.version });
    return { kind: 'no_rows', blobs: scan.blobs };
  }

  await joinEarlierLogs(
    deps.blobs,
    deps.settings.containers.predictionLogs,
    model,
    window,
    join,
    version.version,
    trial?.join,
  );
  const liveError = join.result(version.metrics[join.metric], spec.monitoring);
  const challenger =
    trial && deps.trials
      ? await settleTrial(
          { registry: deps.registry, moves: deps.trials },
          trial,
          model,
          version.version,
          window.to,
          spec,
          clock(deps),
        )
      : undefined;
  const ask = retrainAsk(model, report, liveError, id);
  const halted = ask ? await retrainHalt(deps.registry, model, spec.retrain.maxConsecutiveLosses) : undefined;
  if (ask && halted) deps.telemetry.event('RetrainHalted', { model, trigger: ask.trigger, reason: halted });
  const retrain = ask
    ? halted
      ? { sent: false as const, trigger: ask.trigger, reason: halted }
      : await requestRetrain(
          {
            registry: deps.registry,
            queue: deps.queue,
            retrainQueue: deps.settings.queues.retrain,
            telemetry: deps.telemetry,
          },
          ask,
          spec.retrain.cooldownMinutes,
        )
    : null;
  const record: DriftRecord = {
    version: version.version,
    status: report.verdict,
    window,
    rows: report.rows,
    report,
    liveError,
    retrain,
    ...(challenger && { challenger }),
  };
  reportTelemetry(deps.telemetry, model, id, record);
  return store(deps, stored, toDriftDocument(model, id, now, record), record);
}

/** Stores the report, then advances the checkpoint: a crash in between replays into the same id. */
async function store(
  deps: DriftCheckDeps,
  stored: Stored<MonitoringDocument> | undefined,
  doc: MonitoringDocument<DriftRecord>,
  record: DriftRecord,
): Promise<DriftCheckOutcome> {
  await deps.registry.putMonitoring(doc);
  const advanced = await advanceCheckpoint(deps.registry, clock(deps), doc.model, stored, {
    to: record.window.to,
    version: record.version,
    status: record.status,
    reportId: doc.id,
  });
  if (!advanced) return { kind: 'lost_race', id: doc.id };
  return { kind: 'reported', id: doc.id, status: record.status, rows: record.rows, retrain: record.retrain };
}

const clock = (deps: DriftCheckDeps): Date => deps.now?.() ?? new Date();
