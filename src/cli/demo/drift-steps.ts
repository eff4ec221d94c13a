import type { ModelVersion } from '../../domain/model-version';
import { ApiError, modelPath, type ApiClient } from '../api-client';
import {
  driftedFeatures,
  liveErrorText,
  qualityText,
  retrainText,
  type DriftCheck,
  type DriftHistory,
} from '../api/drift-history';
import { formatMetrics } from '../output/table';
import { sleep, type DemoNarrator } from './demo-steps';

/** The timer function that fans drift checks out to every model with a production version. */
export const DRIFT_TIMER_FUNCTION = 'monitorDrift';

/**
 * Runs the drift timer now (admin API) and waits for the model's check to be recorded. Returns
 * the check, or undefined (said in words) when this app has no drift monitor or none answers.
 */
export async function runDriftCheck(
  client: ApiClient,
  model: string,
  say: DemoNarrator['say'],
  timeoutMs = 30_000,
): Promise<DriftCheck | undefined> {
  const before = await driftHistory(client, model);
  if (before === undefined) {
    say(`unavailable: this app has no drift history route (GET ${modelPath(model, '/drift')})`);
    return undefined;
  }
  try {
    await client.post(`/admin/functions/${DRIFT_TIMER_FUNCTION}`, { input: '' }, { as: 'admin' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      say(`unavailable: this app has no drift timer function "${DRIFT_TIMER_FUNCTION}"`);
      return undefined;
    }
    throw error;
  }
  say(`ran ${DRIFT_TIMER_FUNCTION} (POST /admin/functions/${DRIFT_TIMER_FUNCTION}); waiting for the check`);
  const seen = new Set(before.items.map((c) => c.id));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const check = (await driftHistory(client, model))?.items.find((c) => !seen.has(c.id));
    if (check) {
      say(`verdict: ${check.status} (version ${check.version}, ${check.rows ?? 0} logged rows)`);
      if (check.report?.verdictReason) say(`why: ${check.report.verdictReason}`);
      const features = driftedFeatures(check);
      if (features) say(`drifted features: ${features}`);
      const quality = qualityText(check);
      if (quality) say(`data quality: ${quality}`);
      const live = liveErrorText(check);
      if (live) say(`live error: ${live}`);
      say(`retrain: ${retrainText(check) || 'not asked'}`);
      return check;
    }
    await sleep(500);
  }
  say(`no drift check recorded within ${timeoutMs / 1000} s; see \`mlops logs ${model}\``);
  return undefined;
}

async function driftHistory(client: ApiClient, model: string): Promise<DriftHistory | undefined> {
  try {
    return await client.get<DriftHistory>(modelPath(model, '/drift?pageSize=20'));
  } catch (error) {
    if (error instanceof ApiError && error.routeMissing) return undefined;
    throw error;
  }
}

/**
 * Waits for a version newer than `after` to leave the candidate stage (validated, production or
 * rejected) and says how it did. Returns it, or undefined after the timeout.
 */
export async function waitForRetrainedVersion(
  client: ApiClient,
  model: string,
  after: number,
  say: DemoNarrator['say'],
  timeoutMs = 60_000,
): Promise<ModelVersion | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const page = await client.get<{ items: ModelVersion[] }>(modelPath(model, '/versions?pageSize=5'));
    const newer = page.items.find((v) => v.version > after);
    const line = newer ? `version ${newer.version}: ${newer.status}` : 'waiting for the retraining run';
    if (line !== last) say(line);
    last = line;
    if (newer && newer.status !== 'candidate') {
      say(`metrics: ${formatMetrics(newer.metrics)}${newer.statusReason ? `; ${newer.statusReason}` : ''}`);
      return newer;
    }
    await sleep(500);
  }
  say(`no retrained version within ${timeoutMs / 1000} s; see \`mlops runs ${model}\``);
  return undefined;
}
