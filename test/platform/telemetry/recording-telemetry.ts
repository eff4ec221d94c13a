// A small in-memory Telemetry port that keeps what it is given, for assertions.
import type { Telemetry, TelemetryProperties } from '../../../src/platform/ports/telemetry';

export interface RecordedItem {
  kind: 'metric' | 'event' | 'exception';
  name: string;
  value?: number;
  properties: Record<string, string>;
}

export class RecordingTelemetry implements Telemetry {
  readonly items: RecordedItem[] = [];
  flushes = 0;

  metric(name: string, value: number, properties: TelemetryProperties = {}): void {
    this.items.push({ kind: 'metric', name, value, properties: { ...properties } });
  }
  event(name: string, properties: TelemetryProperties = {}): void {
    this.items.push({ kind: 'event', name, properties: { ...properties } });
  }
  exception(error: unknown, properties: TelemetryProperties = {}): void {
    const name = error instanceof Error ? error.message : String(error);
    this.items.push({ kind: 'exception', name, properties: { ...properties } });
  }
  async flush(): Promise<void> {
    this.flushes++;
  }

  /** The items of one kind, in order. */
  of(kind: RecordedItem['kind']): RecordedItem[] {
    return this.items.filter((i) => i.kind === kind);
  }
}
