import type { RpcLogLevel } from './functions-core-types';

/** Where the runtime writes: one method per severity, each taking one finished line. */
export interface RuntimeLogger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/**
 * Lines for one stream, written together on the next turn of the event loop (and at exit):
 * under load one write per turn instead of one synchronous write per invocation.
 */
class LineBuffer {
  #lines: string[] = [];
  #scheduled = false;

  constructor(private readonly stream: NodeJS.WriteStream) {
    process.once('exit', () => this.flush());
  }

  push(line: string): void {
    this.#lines.push(line);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.#scheduled = false;
    if (this.#lines.length === 0) return;
    const text = `${this.#lines.join('\n')}\n`;
    this.#lines = [];
    this.stream.write(text);
  }
}

const stdoutLines = new LineBuffer(process.stdout);
const stderrLines = new LineBuffer(process.stderr);

export type InvocationOutcome = 'Succeeded' | 'Failed';

/** One finished invocation, as the runtime reports it. */
export interface InvocationRecord {
  functionName: string;
  invocationId: string;
  triggerType: string;
  durationMs: number;
  outcome: InvocationOutcome;
  error?: Error;
}

/** stdout and stderr, with an ISO time stamp on each line, written once per event-loop turn. */
export const consoleLogger: RuntimeLogger = {
  info: (line) => stdoutLines.push(`[${new Date().toISOString()}] ${line}`),
  warn: (line) => stderrLines.push(`[${new Date().toISOString()}] ${line}`),
  error: (line) => stderrLines.push(`[${new Date().toISOString()}] ${line}`),
};

/** The host's one line per invocation: function, id, outcome, duration (and the failure). */
export function formatInvocation(record: InvocationRecord): string {
  const base = `Executed 'Functions.${record.functionName}' (${record.outcome}, Id=${record.invocationId}, Duration=${Math.round(record.durationMs)}ms)`;
  return record.error ? `${base}: ${record.error.message}` : base;
}

/** Writes an invocation record at info level, or error level when it failed. */
export function logInvocation(logger: RuntimeLogger, record: InvocationRecord): void {
  if (record.outcome === 'Failed') logger.error(formatInvocation(record));
  else logger.info(formatInvocation(record));
}

/** Routes a `context.log`/`warn`/`error` line of a function to the logger, tagged with its name. */
export function logUserLine(
  logger: RuntimeLogger,
  functionName: string,
  level: RpcLogLevel,
  message: string,
): void {
  const line = `[${functionName}] ${message}`;
  if (level === 'error' || level === 'critical') logger.error(line);
  else if (level === 'warning') logger.warn(line);
  else if (level !== 'none') logger.info(line);
}
