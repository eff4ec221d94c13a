import { defineConfig } from 'vitest/config';

// Files that fail after others ran in their process: the telemetry file (the Application
// Insights SDK keeps global state), the demo and crash tests, which start runtimes as child
// processes from this process's environment, which other files change, and the Service Bus
// trigger file, whose SDK binding registers once per process. Each gets its own process.
const ISOLATED = [
  'test/cli/demo.test.ts',
  'test/local/crash-durability.test.ts',
  'test/local/service-bus-triggers.test.ts',
  'test/platform/telemetry/app-insights.test.ts',
];

// What every project shares. The global setup stays at the root so the emulators and the test
// broker start once per run; projects see what it provides.
// Timeouts are generous: they only bound a failing test, and files share two cores.
const shared = {
  testTimeout: 120_000,
  hookTimeout: 180_000,
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global.ts'],
    // Most files wait on the emulators, the broker or a runtime, so more files than cores run at
    // once; vitest's default here (cores - 1) would run them one at a time on 2 cores. Five keep
    // both cores busy (the suite's CPU time is about 1.8x its wall time at five).
    maxWorkers: 5,
    projects: [
      {
        // The rest share a process per worker: loading the SDKs, ONNX Runtime and the app once
        // per worker instead of once per file. Every file starts its apps on fresh names.
        test: {
          ...shared,
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
        },
      },
      { test: { ...shared, name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
