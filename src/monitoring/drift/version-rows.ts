import type { ModelVersion } from '../../domain/model-version';
import type { TrainingProfile } from '../../ml/profile/types';
import type { TrialJoin } from '../trial/trial-join';
import type { LiveErrorJoin } from './live-error';
import { parseLogLine, type ParsedLine } from './report/log-line';

/** The parsed lines of the checked version (others only feed the feedback join); blank lines skipped. */
export async function* versionRows(
  batches: AsyncIterable<string[]>,
  version: number,
  join: LiveErrorJoin,
  trial: TrialJoin | undefined,
): AsyncGenerator<ParsedLine> {
  const joining = join.pendingItems > 0;
  const pairing = trial !== undefined && trial.pendingItems > 0;
  for await (const lines of batches) {
    for (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = parseLogLine(line);
      if (parsed.ok) {
        const own = parsed.row.version === version;
        if (joining) join.observe(parsed.row.requestId, parsed.row.row, parsed.row.prediction, own);
        if (pairing) trial.observe(parsed.row);
        if (!own) continue;
      }
      yield parsed;
    }
  }
}

/** The version's training profile, or why it cannot be monitored. */
export function monitorableProfile(version: ModelVersion): TrainingProfile | string {
  const p = version.trainingProfile as Partial<TrainingProfile> | null;
  if (p === null || typeof p !== 'object' || p.columns === undefined || Object.keys(p.columns).length === 0) {
    const why = version.source === 'uploaded' ? ' (an uploaded ONNX model carries none)' : '';
    return `version ${version.version} has no training profile${why}: drift cannot be measured; a retrained version will have one`;
  }
  return p as TrainingProfile;
}
