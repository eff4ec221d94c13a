import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors';

/** One static file of the dashboard, read once. */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: Buffer;
  /** Quoted sha256 prefix: lets browsers revalidate with If-None-Match. */
  readonly etag: string;
}

/** The dashboard's files by URL path (`index.html`, `pages/models.js`, `vendor/uPlot.esm.js`). */
export type DashboardAssets = ReadonlyMap<string, DashboardAsset>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Reads the dashboard's files: every servable file under `dashboardDir` plus uPlot's ES module
 * and stylesheet as `vendor/...`. Only these paths are ever served, so no request path reaches
 * the file system (no traversal to guard against).
 */
export function loadDashboardAssets(dashboardDir: string, uplotDistDir: string): DashboardAssets {
  const assets = new Map<string, DashboardAsset>();
  for (const rel of listFiles(dashboardDir)) {
    const type = CONTENT_TYPES[path.extname(rel)];
    if (type) assets.set(rel, asset(type, readFileSync(path.join(dashboardDir, rel))));
  }
  for (const name of ['uPlot.esm.js', 'uPlot.min.css']) {
    const type = CONTENT_TYPES[path.extname(name)]!;
    assets.set(`vendor/${name}`, asset(type, readFileSync(path.join(uplotDistDir, name))));
  }
  if (!assets.has('index.html'))
    throw new AppError('internal', 'dashboard_missing', `No index.html in ${dashboardDir}`);
  return assets;
}

export type AssetAnswer =
  { kind: 'asset'; asset: DashboardAsset; notModified: boolean } | { kind: 'redirect'; location: string };

/**
 * The answer for `GET /api/dashboard/{*path}`: the shell for an empty path (after a redirect to
 * the trailing slash, so the page's relative URLs resolve under `dashboard/`), the file
 * otherwise, 304 when `ifNoneMatch` is its ETag; an unknown path is a 404 naming it.
 */
export function answerAssetRequest(
  assets: DashboardAssets,
  request: { pathname: string; path: string | undefined; ifNoneMatch: string | null },
): AssetAnswer {
  const rel = request.path ?? '';
  if (rel === '' && !request.pathname.endsWith('/'))
    return { kind: 'redirect', location: `${request.pathname}/` };
  const found = assets.get(rel === '' ? 'index.html' : rel);
  if (!found)
    throw new AppError('not_found', 'asset_not_found', `The dashboard has no file "${rel}"`, {
      path: rel,
    });
  return { kind: 'asset', asset: found, notModified: request.ifNoneMatch === found.etag };
}

function asset(contentType: string, body: Buffer): DashboardAsset {
  const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
  return { contentType, body, etag };
}

/** Relative paths (with `/`) of the files under `dir`, recursively. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}
