// `npm run build`: compiles src/ to dist/ and copies the dashboard's static files.
// With --if-changed (`npm start`) it does nothing when dist/ is newer than every input: the
// TypeScript compiler alone takes about 6 s even when nothing changed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** Written after a successful build (under dist/), with the build's start time as its mtime. */
const STAMP = '.build-stamp';
/** What the output depends on: sources (a folder's mtime changes when a file is added or removed), config, dependencies. */
const INPUTS = ['src', 'tsconfig.json', 'package.json', 'package-lock.json'];

/** The newest mtime (ms) of a file, or of a folder and everything under it. */
function newestMtime(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, name)));
  }
  return newest;
}

/** True when `root`'s dist/ was built after every input last changed. */
function isCurrent(root) {
  let built;
  try {
    built = fs.statSync(path.join(root, 'dist', STAMP)).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS.every((input) => newestMtime(path.join(root, input)) <= built);
}

function build() {
  // Taken before compiling, so a file saved during the build makes the next start rebuild.
  const started = new Date();
  const stamp = path.join(DIST, STAMP);
  fs.rmSync(stamp, { force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) return result.status ?? 1;
  const dashboard = path.join(DIST, 'src', 'dashboard');
  fs.rmSync(dashboard, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, 'src', 'dashboard'), dashboard, { recursive: true });
  fs.writeFileSync(stamp, '');
  fs.utimesSync(stamp, started, started);
  return 0;
}

if (require.main === module) {
  if (!(process.argv.includes('--if-changed') && isCurrent(ROOT))) process.exitCode = build();
}

module.exports = { isCurrent };
