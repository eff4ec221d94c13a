import type { RegisteredFunction } from '../registrations';

/** Drives one trigger type: polls or schedules, and can run a function on demand. */
export interface TriggerDriver {
  /** The binding type it drives, e.g. `queueTrigger`. */
  readonly triggerType: string;
  start(): Promise<void>;
  /** Stops starting invocations and waits for the running ones. */
  stop(): Promise<void>;
  /** Runs `fn` once with `input` as the admin endpoint's body gives it. */
  invokeOnDemand(fn: RegisteredFunction, input: string): Promise<void>;
}
