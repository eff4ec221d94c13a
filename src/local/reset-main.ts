// `npm run reset`: clears the local data folder (LOCAL_DATA_DIR, default .local/), unless a
// running `npm start` or `npm run emulators` uses it: clearing it under them breaks them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadAppSettings } from './app-settings';
import { dataDirUser, howToStop } from './emulators/data-dir-lock';
import { DEFAULT_DATA_DIR } from './emulators';

/** The repository root: this file is dist/src/local/reset-main.js. */
const ROOT = path.resolve(__dirname, '..', '..', '..');

const { settings } = loadAppSettings(ROOT);
const dataDir = path.resolve(ROOT, settings.LOCAL_DATA_DIR || DEFAULT_DATA_DIR);
const user = dataDirUser(dataDir);
if (user) {
  console.error(
    `Not cleared: ${dataDir} is in use by ${user.command} (process ${user.pid}). ` +
      `${howToStop(user)}, then run \`npm run reset\` again.`,
  );
  process.exitCode = 1;
} else {
  rmSync(dataDir, { recursive: true, force: true });
  const relative = path.relative(ROOT, dataDir);
  console.log(`${relative && !relative.startsWith('..') ? relative : dataDir} cleared`);
}
