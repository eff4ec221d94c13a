// A local Application Insights ingestion endpoint that keeps what the SDK posts. The SDK turns
// http:// endpoints into https://, so the sink serves HTTPS with a self-signed certificate made
// by openssl at test time; a process trusts it through NODE_EXTRA_CA_CERTS (read at start).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One telemetry item as the SDK sends it (the fields the tests read). */
export interface Envelope {
  name: string;
  data: { baseType: string; baseData: Record<string, unknown> & { properties?: Record<string, string> } };
}

export interface IngestionSink {
  /** For APPLICATIONINSIGHTS_CONNECTION_STRING. */
  readonly connectionString: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  readonly caFile: string;
  readonly envelopes: Envelope[];
  /** Request paths seen, e.g. /v2.1/track. */
  readonly paths: string[];
  /** The Authorization header of each request ('' when absent). */
  readonly authorizations: string[];
  close(): Promise<void>;
}

/** True when openssl can make the sink's certificate. */
export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startIngestionSink(): Promise<IngestionSink> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ingestion-sink-'));
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      caFile,
    ],
    { stdio: 'ignore' },
  );
  const envelopes: Envelope[] = [];
  const paths: string[] = [];
  const authorizations: string[] = [];
  const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(req.url ?? '');
      authorizations.push(req.headers.authorization ?? '');
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      // A JSON array, or one envelope per line.
      const items = (
        text.startsWith('[') ? JSON.parse(text) : text.split('\n').map((l) => JSON.parse(l) as unknown)
      ) as Envelope[];
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:${port}/`,
    caFile,
    envelopes,
    paths,
    authorizations,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
