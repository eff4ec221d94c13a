import { fanOutDriftChecks } from '../monitoring/check-model/fan-out-drift-checks';
import { fanOutDeps } from './monitoring-context';
import { pipelineTimer } from './timer-trigger';

pipelineTimer('monitorDrift', 'DRIFT_SCHEDULE', async (context) => {
  const result = await fanOutDriftChecks(fanOutDeps(), new Date());
  context.log(`drift checks queued for ${result.sent.length} models`);
  for (const f of result.failed) context.error(`drift check of ${f.model} not queued: ${f.error}`);
});
