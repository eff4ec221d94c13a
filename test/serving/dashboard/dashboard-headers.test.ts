// The dashboard's answers through the local runtime carry the headers that keep it from being
// framed, sniffed or fed scripts from elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../../src/local/runtime';
import { startApp } from '../../support/runtime';

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startApp();
});
afterAll(() => runtime?.stop());

describe('dashboard security headers', () => {
  it.each(['/api/dashboard/', '/api/dashboard/app.js', '/api/dashboard/style.css', '/api/dashboard'])(
    '%s',
    async (path) => {
      const res = await fetch(`${runtime.url}${path}`, { redirect: 'manual' });
      expect([200, 301]).toContain(res.status);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    },
  );
});
