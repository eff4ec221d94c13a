// What the global setup hands to test files through vitest's provide/inject.
import type { EmulatorSettings } from '../../src/local/emulators';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: EmulatorSettings;
    /** The Service Bus test broker of this run. */
    serviceBus: { connectionString: string };
  }
}

export {};
