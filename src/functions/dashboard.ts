import path from 'node:path';
import {
  answerAssetRequest,
  loadDashboardAssets,
  type DashboardAssets,
} from '../serving/dashboard/dashboard-assets';
import { httpRoute } from './http/http-route';

let assets: DashboardAssets | undefined;

/**
 * On every dashboard answer: scripts, styles and API calls from this origin only, never framed
 * (no clickjacking of the promote button), types as sent, and no URL leaked to other sites.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

httpRoute('dashboard', async (request) => {
  // The build copies src/dashboard next to the compiled functions; uPlot ships in node_modules.
  assets ??= loadDashboardAssets(
    path.join(__dirname, '..', 'dashboard'),
    path.dirname(require.resolve('uplot')),
  );
  const answer = answerAssetRequest(assets, {
    pathname: new URL(request.url).pathname,
    path: request.params.path,
    ifNoneMatch: request.headers.get('if-none-match'),
  });
  if (answer.kind === 'redirect')
    return { status: 301, headers: { ...SECURITY_HEADERS, location: answer.location } };
  const { asset, notModified } = answer;
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': asset.contentType,
    etag: asset.etag,
    'cache-control': 'no-cache',
  };
  return notModified ? { status: 304, headers } : { status: 200, headers, body: asset.body };
});
