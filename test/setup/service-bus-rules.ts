import type { QueueRules } from '../support/service-bus-broker/broker-queue';

/**
 * The shared test broker's queues: a 5 s lock (so pipeline steps slower than that keep theirs by
 * renewal) and 3 deliveries before dead-lettering, as the Storage harness's maxDequeueCount.
 */
export const SHARED_BROKER_RULES: QueueRules = {
  lockDurationMs: 5000,
  maxDeliveryCount: 3,
  duplicateWindowMs: 600_000,
};
