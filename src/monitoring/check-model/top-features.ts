import type { ModelVersion } from '../../domain/model-version';
import { TOP_FEATURES } from '../drift/check-drift';

/**
 * The version's most important inputs, most important first (only shares above 0): any of them
 * drifting drifts the dataset. None on versions without recorded importance (uploaded, or
 * trained before it was recorded), which leaves only the drifted-share rule.
 */
export function topFeatures(version: Pick<ModelVersion, 'featureImportance'>): string[] {
  return (version.featureImportance ?? [])
    .filter((f) => f.importance > 0)
    .slice(0, TOP_FEATURES)
    .map((f) => f.feature);
}
