import { AppError } from '../../errors';

/** A local emulator could not start; the message says what is wrong and how to fix it. */
export class EmulatorError extends AppError {
  constructor(
    code: 'port_in_use' | 'corrupt_data' | 'data_dir_in_use',
    message: string,
    details: Record<string, unknown>,
    cause?: unknown,
  ) {
    super('unavailable', code, message, details, { cause });
    this.name = 'EmulatorError';
  }
}

/** The port a service wants is taken by another process. */
export function portInUse(service: string, port: number, cause?: unknown): EmulatorError {
  return new EmulatorError(
    'port_in_use',
    `${service} emulator cannot listen on 127.0.0.1:${port}: the port is already in use. ` +
      'Stop the other process (another `npm start` or `npm run emulators`?) or free the port.',
    { service, port },
    cause,
  );
}

/** A file in the data folder cannot be read back. */
export function corruptData(file: string, reason: string, cause?: unknown): EmulatorError {
  return new EmulatorError(
    'corrupt_data',
    `Emulator data file ${file} is corrupt (${reason}). Run \`npm run reset\` to clear the local data folder.`,
    { file },
    cause,
  );
}
