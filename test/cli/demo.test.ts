// `mlops demo` up to predictions, as a user runs it: its own runtime on free ports and a
// temporary data folder, a trained production model, predictions and feedback.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { runCli } from './run-cli';

// The compiled demo, as `mlops demo` runs it: it finds the app's entry relative to dist/.
const { runDemo } = createRequire(__filename)(
  '../../dist/src/cli/demo/run-demo.js',
) as typeof import('../../src/cli/demo/run-demo');
const ROOT = path.resolve(__dirname, '..', '..');

describe('mlops demo', () => {
  it('runs its first steps to a production model and predictions, saying what it does', async () => {
    const out = await runCli(['demo', '--until', 'predict']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const headings = out.stdout.split('\n').filter((l) => /^\[\d\/7\]/.test(l));
    expect(headings.map((h) => h.slice(0, 5))).toEqual(['[1/7]', '[2/7]', '[3/7]', '[4/7]', '[5/7]']);
    expect(out.stdout).toMatch(/app at http:\/\/127\.0\.0\.1:\d+; data and logs in /);
    expect(out.stdout).toMatch(/run run-[0-9a-f]{24} succeeded: taxi version 1\n/);
    expect(out.stdout).toMatch(/version 1 is in production: .*rmse=[\d.]+/);
    expect(out.stdout).toMatch(
      /normal day: 96 predictions from version 1, e\.g\. [\d.]+, [\d.]+, [\d.]+ trips\n/,
    );
    expect(out.stdout).toMatch(/feedback: the true trips of the 2016 drifted rows/);
    // Its runtime is stopped at the end: no dashboard URL or command for it (issue 17).
    expect(out.stdout).not.toMatch(/dashboard:|try:/);
    expect(out.stdout).toMatch(
      /the demo runtime is stopped and its data removed; `npm start` runs one that stays\n$/,
    );
  });

  it('points at the dashboard and a command when it keeps its runtime serving', async () => {
    let text = '';
    const runtime = await runDemo({ until: 'generate', keep: true, write: (t) => (text += t) });
    try {
      expect(runtime).toBeDefined();
      expect(text).toMatch(/dashboard: http:\/\/localhost:\d+\/\n/);
      // The keys it used: those of local.settings.json (generated there on a first run).
      const values = (
        JSON.parse(readFileSync(path.join(ROOT, 'local.settings.json'), 'utf8')) as {
          Values: Record<string, string>;
        }
      ).Values;
      expect(text).toContain(
        `keys (x-functions-key; from local.settings.json): predict ${values.LOCAL_FUNCTION_KEY}, ` +
          `feedback ${values.LOCAL_FEEDBACK_KEY}, operate ${values.LOCAL_OPERATOR_KEY}, admin ${values.LOCAL_ADMIN_KEY}`,
      );
      expect(text).toMatch(/try: mlops versions taxi --url http:\/\/127\.0\.0\.1:\d+ /);
      expect((await fetch(`${runtime!.url}/api/health`)).status).toBe(200);
    } finally {
      await runtime?.stop();
      if (runtime) rmSync(runtime.dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown step before starting anything', async () => {
    const out = await runCli(['demo', '--until', 'lunch']);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(
      /--until must be one of runtime, generate, upload, production, predict, drift, retrain/,
    );
  });
});
