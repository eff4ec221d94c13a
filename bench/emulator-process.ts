// The emulators in a process of their own, for benchmarks that time the app: storage is remote in
// Azure, so Azurite's work on the app's uploads must not run on the app's event loop and be
// counted as the app's. Run as a script, it starts them and reports their settings to its parent.
import { fork } from 'node:child_process';
import { startEmulators, type EmulatorSettings } from '../src/local/emulators';

export interface EmulatorProcess {
  readonly settings: EmulatorSettings;
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
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}

if (require.main === module) {
  void startEmulators({ ports: { blob: 0, queue: 0, cosmos: 0 } }).then((emulators) => {
    const { stop: _stop, ...settings } = emulators;
    process.send!(settings);
    process.once('disconnect', () => void emulators.stop().then(() => process.exit(0)));
  });
}
