import type { MonitoringDocument } from '../../domain/documents';
import type { DriftReport, DriftVerdict } from './report/drift-report';
import type { RetrainDecision } from '../retrain/request-retrain';
import { DRIFT_KIND, type DriftWindow } from './drift-window';
import type { LiveError } from './live-error';
import type { TrialCheck } from '../trial/evaluate-trial';

export type DriftStatus = DriftVerdict | 'not_monitorable';

/** One drift check's outcome as stored (the body of a `drift` monitoring record). */
export interface DriftRecord {
  readonly version: number;
  readonly status: DriftStatus;
  readonly window: DriftWindow;
  /** Logged rows of the version checked. */
  readonly rows: number;
  /** Null when the version is not monitorable (`reason` says why). */
  readonly report: DriftReport | null;
  /** Null when no feedback matched a logged row. */
  readonly liveError: LiveError | null;
  /** Null when no retrain was asked. */
  readonly retrain: RetrainDecision | null;
  /** The challenger's live comparison in this check, when one is on trial. */
  readonly challenger?: TrialCheck;
  readonly reason?: string;
}

/** One entry of `GET /api/models/{model}/drift`. */
export interface DriftHistoryItem extends DriftRecord {
  readonly id: string;
  readonly createdAt: string;
}

export function toDriftDocument(
  model: string,
  id: string,
  createdAt: string,
  record: DriftRecord,
): MonitoringDocument<DriftRecord> {
  return { model, id, kind: DRIFT_KIND, createdAt, body: record };
}

export function toHistoryItem(doc: MonitoringDocument): DriftHistoryItem {
  return { id: doc.id, createdAt: doc.createdAt, ...(doc.body as DriftRecord) };
}
