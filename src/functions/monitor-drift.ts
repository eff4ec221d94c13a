import { app } from '@azure/functions';
import { fanOutDriftChecks } from '../monitoring/check-model/fan-out-drift-checks';
import { fanOutDeps } from './monitoring-context';

app.timer('monitorDrift', {
  schedule: '%DRIFT_SCHEDULE%',
  handler: async (_timer, context) => {
    const result = await fanOutDriftChecks(fanOutDeps(), new Date());
    context.log(`drift checks queued for ${result.sent.length} models`);
    for (const f of result.failed) context.error(`drift check of ${f.model} not queued: ${f.error}`);
  },
});
