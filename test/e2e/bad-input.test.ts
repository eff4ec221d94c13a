// Bad data drops and specs, end to end: each ends as a failed run whose error names the problem,
// at once (no retries), with nothing registered.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdFor } from '../../src/domain/ids';
import { startPipeline, type Pipeline } from '../support/runtime';
import { TAXI_SPEC, taxiCsv } from '../support/taxi-data';
import { waitFor } from '../support/wait';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

const SPEC = JSON.stringify({ ...TAXI_SPEC, validation: {} });
// Random bytes behind a fixed 10-byte start, so no newline can precede the NUL at offset 10.
const garbage = Buffer.concat([Buffer.from('GIF89a\x01\x02\x03\x04', 'latin1'), randomBytes(4086)]);
garbage[10] = 0;

const cases: {
  model: string;
  spec?: string;
  file: string;
  data: Buffer | string;
  message: string | RegExp;
}[] = [
  { model: 'empty', file: 'a.csv', data: '', message: 'The file is empty: no header and no rows' },
  {
    model: 'header-only',
    file: 'a.csv',
    data: 'pickup_hour,zone,trips\n',
    message: 'The file has a header (3 columns) but no data rows',
  },
  {
    model: 'no-target',
    file: 'a.csv',
    data: 'pickup_hour,zone\n2025-01-01 00:00:00,Z01\n2025-01-02 00:00:00,Z02\n',
    message:
      'Target column "trips" named in the spec (target) is not in the data (columns: pickup_hour, zone)',
  },
  {
    model: 'text-target',
    file: 'a.csv',
    data: 'pickup_hour,zone,trips\n2025-01-01 00:00:00,Z01,4\n2025-01-01 01:00:00,Z01,many\n2025-01-01 02:00:00,Z01,lots\n',
    message:
      'Column "trips" mixes numbers and text: data row 1 (1-based, header not counted) has 4 where most values are text',
  },
  {
    model: 'garbage',
    file: 'a.csv',
    data: garbage,
    message: 'The file is binary, not text: NUL byte at byte offset 10 (line 1)',
  },
  {
    model: 'spec-not-json',
    spec: '{"target": "trips",',
    file: 'a.csv',
    data: taxiCsv({ days: 3 }),
    message:
      /^Invalid model spec datasets-[a-z0-9-]+\/spec-not-json\/model\.json: not JSON \(Expected double-quoted property name in JSON at position 19\)$/,
  },
  {
    model: 'spec-algorithm',
    spec: JSON.stringify({ target: 'trips', algorithm: 'forest' }),
    file: 'a.csv',
    data: taxiCsv({ days: 3 }),
    message: 'Invalid model spec: algorithm: Invalid option: expected one of "gbdt"|"linear"|"logistic"',
  },
  {
    model: 'spec-column',
    spec: JSON.stringify({ target: 'trips', exclude: ['fare'] }),
    file: 'a.csv',
    data: taxiCsv({ days: 3 }),
    message:
      'Column "fare" named in the spec (exclude[0]) is not in the data (columns: pickup_hour, zone, weather, temperature_c, precipitation_mm, is_holiday, trips)',
  },
  {
    model: 'no-spec',
    spec: '',
    file: 'a.csv',
    data: taxiCsv({ days: 3 }),
    message:
      /^No model spec for "no-spec": upload datasets-[a-z0-9-]+\/no-spec\/model\.json \(at least \{"target": "<column>"\}\) or PUT \/api\/models\/no-spec\/spec, then upload this data again or POST \/api\/models\/no-spec\/retrain: a spec added later does not train data already uploaded$/,
  },
];

describe('bad input', () => {
  it.each(cases)('$model: fails the run at once naming the problem, registers nothing', async (c) => {
    if (c.spec !== '') await p.drop(c.model, 'model.json', c.spec ?? SPEC);
    const etag = await p.drop(c.model, c.file, c.data);
    const run = await p.finishedRun(c.model, runIdFor(`${c.model}/${c.file}`, etag));
    expect(run.status).toBe('failed');
    if (typeof c.message === 'string') expect(run.error?.message).toBe(c.message);
    else expect(run.error?.message).toMatch(c.message);
    expect(await p.versions(c.model)).toEqual([]);
    expect(await p.adapters.registry.getAlias(c.model, 'production')).toBeUndefined();
  });

  it('never retried a data error: every train invocation returned normally', async () => {
    const train = () => p.invocations.filter((i) => i.functionName === 'trainOnDataDrop');
    const drops = cases.length + cases.filter((c) => c.spec !== '').length;
    // The run is marked failed inside the invocation, so the last record may still be on its way.
    await waitFor('every drop to be handled', () => train().length >= drops);
    expect(train().filter((i) => i.outcome === 'Failed')).toEqual([]);
    expect(train()).toHaveLength(drops);
  });

  it('drops a malformed validate message without retrying it', async () => {
    await p.adapters.queue.send(p.config.queues.validate, { schema: 1, kind: 'validate', model: 'taxi' });
    const validate = () => p.invocations.filter((i) => i.functionName === 'validateCandidate');
    await waitFor('the malformed message to be handled', () => validate().length >= 1);
    expect(validate().map((i) => i.outcome)).toEqual(['Succeeded']);
    expect(p.logLines).toContainEqual(
      expect.stringContaining(
        '[validateCandidate] Failed without retry (bad_message): Malformed validate-requests message: runId: Invalid input',
      ),
    );
  });
});
