import { app } from '@azure/functions';
import { existingAppAdapters } from './app-context';

// Buffered telemetry is sent before the process goes. index.ts imports this file last: the host
// runs appTerminate hooks in registration order, so what the other hooks report is sent too.
app.hook.appTerminate(async () => {
  await existingAppAdapters()?.telemetry.flush();
});
