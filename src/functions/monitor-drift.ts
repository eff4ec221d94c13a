import { app } from '@azure/functions';
import { monitorDrift } from '../monitoring/drift/monitor-drift';
import { fanOutDeps } from './monitoring-context';

app.timer('monitorDrift', {
  schedule: '%DRIFT_SCHEDULE%',
  handler: async (_timer, context) => {
    const result = await monitorDrift(fanOutDeps(), new Date());
    context.log(`drift checks queued for ${result.sent.length} models`);
    for (const f of result.failed) context.error(`drift check of ${f.model} not queued: ${f.error}`);
  },
});
