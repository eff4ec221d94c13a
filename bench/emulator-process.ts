// The emulators in a process of their own, for benchmarks that time the app: storage is remote in
// Azure, so Azurite's work on the app's uploads must not run on the app's event loop and be
// counted as the app's. Run as a script, it starts them and reports their settings to its parent.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { EmulatorSettings } from '../src/local/emulators';

export interface EmulatorProcess {
  readonly settings: EmulatorSettings;
  /** CPU time the emulator process has used so far, in µs (from /proc; 0 where there is none). */
  cpuUs(): number;
  stop(): Promise<void>;
}

/** Forks this file; resolves once the emulators answer, with their connection settings. */
export function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator process exited with ${code}`)));
    child.once('message', (settings: EmulatorSettings) => {
      child.removeAllListeners('exit');
      resolve({
        settings,
        cpuUs: () => processCpuUs(child.pid),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}

/** utime + stime of a process, in µs, read from /proc/{pid}/stat (Linux); 0 elsewhere. */
function processCpuUs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks / CLOCK_TICKS_PER_SECOND) * 1e6;
  } catch {
    return 0;
  }
}

// USER_HZ, which Linux fixes at 100 for /proc on every architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

if (require.main === module) {
  // Loaded here only: the parent, which times the app, never holds the emulators' code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startEmulators } = require('../src/local/emulators') as typeof import('../src/local/emulators');
  void startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 } }).then((emulators) => {
    const { stop: _stop, ...settings } = emulators;
    process.send!(settings);
    process.once('disconnect', () => void emulators.stop().then(() => process.exit(0)));
  });
}
