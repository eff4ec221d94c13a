import { Cron } from 'croner';
import { resolveSettingReferences, type AppSettings } from '../app-settings';
import { parseTimeSpan } from '../host-config';
import type { RuntimeLogger } from '../invocation-log';
import type { Invoker } from '../invoker';
import type { RegisteredFunction } from '../registrations';
import { InFlight } from './stop-signal';
import { jsonData } from '../typed-data';
import type { TriggerDriver } from './trigger-driver';
import { LocalRuntimeError } from '../runtime-errors';
import type { TimerStatusStore } from './timer-status';

/** The host's time zone setting; timers run in UTC when it is unset, as in the host. */
export const TIME_ZONE_SETTING = 'WEBSITE_TIME_ZONE';

interface Schedule {
  fn: RegisteredFunction;
  /** Next run after a given time. */
  next(after: Date): Date | undefined;
  start(fire: (scheduled: Date) => void): void;
  stop(): void;
  runOnStartup: boolean;
}

export interface TimerDriverDeps {
  functions: RegisteredFunction[];
  invoker: Invoker;
  settings: AppSettings;
  logger: RuntimeLogger;
  /** Where schedule status survives restarts; without it a missed run is not detected. */
  status?: TimerStatusStore;
}

/**
 * Timer triggers: six-field NCRONTAB (`sec min hour day month weekday`) or a TimeSpan interval,
 * `%SETTING%` schedules resolved from app settings, `runOnStartup` honoured, one run at a time.
 * As in the host, a run missed while stopped happens once at start, marked past due.
 */
export class TimerDriver implements TriggerDriver {
  readonly triggerType = 'timerTrigger';
  readonly #work = new InFlight();
  readonly #running = new Set<RegisteredFunction>();
  readonly #last = new Map<RegisteredFunction, string>();
  readonly #schedules: Schedule[];
  #stopped = false;

  constructor(private readonly deps: TimerDriverDeps) {
    const timezone = deps.settings[TIME_ZONE_SETTING] || 'UTC';
    this.#schedules = deps.functions.map((fn) => compileSchedule(fn, deps.settings, timezone));
  }

  async start(): Promise<void> {
    for (const schedule of this.#schedules) {
      const now = new Date();
      const name = schedule.fn.metadata.name;
      const status = await this.deps.status?.read(name);
      if (status) this.#last.set(schedule.fn, status.Last);
      else await this.#saveStatus(schedule, now.toISOString(), now);
      schedule.start((scheduled) => this.#fire(schedule, scheduled));
      if (status && new Date(status.Next) < now) this.#fire(schedule, new Date(status.Next));
      else if (schedule.runOnStartup) this.#fire(schedule, now);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const schedule of this.#schedules) schedule.stop();
    await this.#work.drain();
  }

  async invokeOnDemand(fn: RegisteredFunction): Promise<void> {
    const schedule = this.#schedules.find((s) => s.fn === fn)!;
    await this.#invoke(schedule, new Date(), false);
  }

  #fire(schedule: Schedule, scheduled: Date): void {
    // The host runs a timer function as a singleton: a tick during a run is skipped.
    if (this.#stopped || this.#running.has(schedule.fn)) return;
    this.#work.track(this.#invoke(schedule, scheduled, true));
  }

  async #invoke(schedule: Schedule, scheduled: Date, recordStatus: boolean): Promise<void> {
    this.#running.add(schedule.fn);
    try {
      const now = new Date();
      const timer = {
        Schedule: { AdjustForDST: true },
        ScheduleStatus: {
          Last: this.#last.get(schedule.fn) ?? now.toISOString(),
          Next: schedule.next(now)?.toISOString(),
          LastUpdated: now.toISOString(),
        },
        // Late by more than a second: the process was busy or asleep past the scheduled time.
        IsPastDue: now.getTime() - scheduled.getTime() > 1000,
      };
      await this.deps.invoker.invoke(schedule.fn, {
        inputData: [{ name: schedule.fn.trigger.name, data: jsonData(timer) }],
        triggerMetadata: {},
      });
      if (recordStatus) await this.#saveStatus(schedule, scheduled.toISOString(), now);
    } finally {
      this.#running.delete(schedule.fn);
    }
  }

  async #saveStatus(schedule: Schedule, last: string, now: Date): Promise<void> {
    this.#last.set(schedule.fn, last);
    const next = schedule.next(now);
    if (!this.deps.status || !next) return;
    try {
      await this.deps.status.write(schedule.fn.metadata.name, {
        Last: last,
        Next: next.toISOString(),
        LastUpdated: now.toISOString(),
      });
    } catch (err) {
      this.deps.logger.warn(
        `[${schedule.fn.metadata.name}] cannot save the timer status: ${(err as Error).message}`,
      );
    }
  }
}

function compileSchedule(fn: RegisteredFunction, settings: AppSettings, timezone: string): Schedule {
  const where = `Function "${fn.metadata.name}" schedule`;
  const expression = resolveSettingReferences(String(fn.trigger.schedule ?? ''), settings, where).trim();
  const runOnStartup = fn.trigger.runOnStartup === true;
  if (/^(\d+\.)?\d{1,2}:\d{2}:\d{2}$/.test(expression)) {
    const every = parseTimeSpan(expression, where);
    let timer: NodeJS.Timeout | undefined;
    return {
      fn,
      runOnStartup,
      next: (after) => new Date(after.getTime() + every),
      start: (fire) => {
        timer = setInterval(() => fire(new Date()), every);
      },
      stop: () => clearInterval(timer),
    };
  }
  if (expression.split(/\s+/).length !== 6) {
    throw new LocalRuntimeError(
      'bad_binding',
      `${where} "${expression}" is not a six-field NCRONTAB expression ("{second} {minute} {hour} {day} {month} {day-of-week}").`,
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(expression, { paused: true, timezone, mode: '6-part' });
  } catch (err) {
    throw new LocalRuntimeError(
      'bad_binding',
      `${where} "${expression}" is invalid: ${(err as Error).message}`,
      err,
    );
  }
  return {
    fn,
    runOnStartup,
    next: (after) => cron.nextRun(after) ?? undefined,
    start: (fire) => {
      cron.stop();
      cron = new Cron(expression, { timezone, mode: '6-part' }, (self: Cron) =>
        fire(self.currentRun() ?? new Date()),
      );
    },
    stop: () => cron.stop(),
  };
}
