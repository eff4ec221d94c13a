// `npm run emulators`: the emulators alone on their default ports, persisted in .local/, for
// running the app under `func start` with Core Tools.
import { resolve } from 'node:path';
import { AppError } from '../../errors';
import { DEFAULT_DATA_DIR, emulatorAppSettings, startEmulators } from './index';

async function main(): Promise<void> {
  const dataDir = resolve(process.env.LOCAL_DATA_DIR || DEFAULT_DATA_DIR);
  const emulators = await startEmulators({ dataDir, command: 'npm run emulators' });
  console.log(`Emulators running (data in ${dataDir}):`);
  console.log(`  Azurite blob   http://127.0.0.1:${emulators.ports.blob}`);
  console.log(`  Azurite queue  http://127.0.0.1:${emulators.ports.queue}`);
  console.log(`  Cosmos DB      ${emulators.cosmosEndpoint}`);
  console.log('Settings for local.settings.json "Values":');
  console.log(JSON.stringify(emulatorAppSettings(emulators), null, 2));
  console.log('Press Ctrl-C to stop.');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping emulators...`);
    emulators.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`Emulators did not stop cleanly: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof AppError ? err.message : `Emulators failed to start: ${String(err)}`);
  process.exit(1);
});
