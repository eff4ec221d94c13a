// Issue 17: `npm run reset` under a running `npm start` cleared its folder and broke it. A data
// folder now names the process using it; reset and a second set of emulators refuse it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataDirUser, LOCK_FILE, lockDataDir } from '../../../src/local/emulators/data-dir-lock';
import { EmulatorError, startEmulators } from '../../../src/local/emulators';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** `npm run reset`'s compiled script on `dataDir`. */
function reset(dataDir: string): { code: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [path.join(ROOT, 'dist/src/local/reset-main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOCAL_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** A process id that no longer runs: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the data folder lock', () => {
  it('npm run reset refuses while a runtime uses the folder, saying how to stop it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'keep.txt'), 'x');
    const release = lockDataDir(dir, 'npm start');
    try {
      const out = reset(dir);
      expect(out.code).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toBe(
        `Not cleared: ${dir} is in use by npm start (process ${process.pid}). ` +
          `Stop it first (Ctrl-C in its terminal, or \`kill ${process.pid}\`), then run \`npm run reset\` again.\n`,
      );
      expect(existsSync(path.join(dir, 'keep.txt'))).toBe(true);
    } finally {
      release();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const out = reset(dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(`${dir} cleared\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it('a second set of emulators refuses a folder in use', async () => {
    const dir = tempDir();
    const first = await startEmulators({
      dataDir: dir,
      ports: { blob: 0, queue: 0, cosmos: 0 },
      command: 'npm start',
    });
    try {
      // This process holds it; another process would see its pid, as a second `npm start` does.
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, command: 'npm start' }));
      const err = await startEmulators({ dataDir: dir, ports: { blob: 0, queue: 0, cosmos: 0 } }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(EmulatorError);
      expect((err as EmulatorError).code).toBe('data_dir_in_use');
      expect((err as EmulatorError).message).toBe(
        `${dir} is in use by npm start (process ${process.ppid}). Stop it first (Ctrl-C in its terminal, ` +
          `or \`kill ${process.ppid}\`) or set LOCAL_DATA_DIR to another folder.`,
      );
    } finally {
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, command: 'npm start' }));
      await first.stop();
    }
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it.each([
    ['a crashed owner', () => JSON.stringify({ pid: deadPid(), command: 'npm start' })],
    ['a file cut short', () => '{"pid":'],
  ])('takes over the folder of %s', (_, content) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), content());
    expect(dataDirUser(dir)).toBeUndefined();
    const release = lockDataDir(dir, 'npm run emulators');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toEqual({
      pid: process.pid,
      command: 'npm run emulators',
    });
    release();
  });
});
