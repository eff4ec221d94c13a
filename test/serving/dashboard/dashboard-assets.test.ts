import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import {
  answerAssetRequest,
  loadDashboardAssets,
  type DashboardAssets,
} from '../../../src/serving/dashboard/dashboard-assets';

const UPLOT = path.dirname(require.resolve('uplot'));

function dashboardDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

let assets: DashboardAssets;
beforeAll(() => {
  assets = loadDashboardAssets(
    dashboardDir({ 'index.html': '<p>hi</p>', 'app.js': 'x', 'pages/a.js': 'y', 'notes.txt': 'n' }),
    UPLOT,
  );
});

describe('dashboard assets', () => {
  it('serves the known file types under the folder and uPlot as vendor files, nothing else', () => {
    expect([...assets.keys()].sort()).toEqual(
      ['app.js', 'index.html', 'pages/a.js', 'vendor/uPlot.esm.js', 'vendor/uPlot.min.css'].sort(),
    );
    expect(assets.get('pages/a.js')!.contentType).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    ['/api/dashboard', undefined, { kind: 'redirect', location: '/api/dashboard/' }],
    ['/api/dashboard/', undefined, { kind: 'asset', notModified: false }],
    ['/api/dashboard/pages/a.js', 'pages/a.js', { kind: 'asset', notModified: false }],
  ])('answers %s', (pathname, rel, expected) => {
    expect(answerAssetRequest(assets, { pathname, path: rel, ifNoneMatch: null })).toMatchObject(expected);
  });

  it('answers not modified for the current ETag only', () => {
    const etag = assets.get('app.js')!.etag;
    const ask = (ifNoneMatch: string) =>
      answerAssetRequest(assets, { pathname: '/api/dashboard/app.js', path: 'app.js', ifNoneMatch });
    expect(ask(etag)).toMatchObject({ notModified: true });
    expect(ask('"stale"')).toMatchObject({ notModified: false });
  });

  it.each([['notes.txt'], ['../app.js'], ['pages'], ['vendor/uPlot.cjs.js']])(
    'refuses %s with a not-found naming it',
    (rel) => {
      let thrown: unknown;
      try {
        answerAssetRequest(assets, { pathname: `/api/dashboard/${rel}`, path: rel, ifNoneMatch: null });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({
        category: 'not_found',
        code: 'asset_not_found',
        message: `The dashboard has no file "${rel}"`,
      });
    },
  );

  it('fails to load a folder without index.html, naming it', () => {
    const dir = dashboardDir({ 'app.js': 'x' });
    expect(() => loadDashboardAssets(dir, UPLOT)).toThrow(`No index.html in ${dir}`);
  });
});
