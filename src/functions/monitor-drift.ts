import { monitorDrift } from '../monitoring/drift/monitor-drift';
import { fanOutDeps } from './monitoring-context';
import { pipelineTimer } from './timer-trigger';

pipelineTimer('monitorDrift', 'DRIFT_SCHEDULE', async (context) => {
  const result = await monitorDrift(fanOutDeps(), new Date());
  context.log(`drift checks queued for ${result.sent.length} models`);
  for (const f of result.failed) context.error(`drift check of ${f.model} not queued: ${f.error}`);
});
