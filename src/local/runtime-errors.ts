import { AppError } from '../errors';

/** The local runtime cannot start or run an app; the message says what to do. */
export class LocalRuntimeError extends AppError {
  constructor(code: 'port_in_use' | 'app_load_failed' | 'bad_binding', message: string, cause?: unknown) {
    super(code === 'port_in_use' ? 'unavailable' : 'invalid', code, message, undefined, { cause });
    this.name = 'LocalRuntimeError';
  }
}

/** The setting that moves the local HTTP port off 7071. */
export const HTTP_PORT_SETTING = 'LOCAL_HTTP_PORT';

/** The HTTP port is taken. */
export function httpPortInUse(port: number, cause?: unknown): LocalRuntimeError {
  return new LocalRuntimeError(
    'port_in_use',
    `Local Functions HTTP port ${port} is already in use. Stop the other process (another \`npm start\` or ` +
      `\`func start\`?) or choose another port with ${HTTP_PORT_SETTING}=<port>.`,
    cause,
  );
}
