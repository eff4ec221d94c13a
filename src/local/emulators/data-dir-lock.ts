import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatorError } from './errors';

// A data folder serves one set of emulators at a time: a second set would overwrite the first
// one's files, and clearing the folder under a running set breaks it (issue 17). The owner's
// process id is recorded in the folder; a crashed owner's stale file is taken over.

/** The file in a data folder naming the process whose emulators use it. */
export const LOCK_FILE = 'in-use.json';

/** Who uses a data folder. */
export interface DataDirUser {
  pid: number;
  /** The command that started it, e.g. `npm start`. */
  command: string;
}

/** The live process using `dataDir`, or undefined when none does (no lock file, or a dead owner). */
export function dataDirUser(dataDir: string): DataDirUser | undefined {
  let user: Partial<DataDirUser>;
  try {
    user = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as Partial<DataDirUser>;
  } catch {
    return undefined; // absent, or cut short by a crash while being written
  }
  if (typeof user.pid !== 'number' || !isAlive(user.pid)) return undefined;
  return { pid: user.pid, command: typeof user.command === 'string' ? user.command : 'a local runtime' };
}

/**
 * Records this process as the user of `dataDir` (created if missing); returns the release.
 * Throws a data_dir_in_use EmulatorError naming the live process that already uses it.
 */
export function lockDataDir(dataDir: string, command: string): () => void {
  const other = dataDirUser(dataDir);
  if (other && other.pid !== process.pid) {
    throw new EmulatorError(
      'data_dir_in_use',
      `${dataDir} is in use by ${other.command} (process ${other.pid}). ${howToStop(other)} ` +
        'or set LOCAL_DATA_DIR to another folder.',
      { dataDir, pid: other.pid },
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, command } satisfies DataDirUser));
  return () => {
    if (dataDirUser(dataDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** Says how to stop the process that uses a data folder. */
export function howToStop(user: DataDirUser): string {
  return `Stop it first (Ctrl-C in its terminal, or \`kill ${user.pid}\`)`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
