// POST /models/{model}/feedback: one monitoring document per (requestId, row), idempotent,
// validated item by item, capped per request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackId, FEEDBACK_KIND } from '../../../src/domain/feedback';
import { MAX_FEEDBACK_ITEMS } from '../../../src/domain/feedback';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { call, FEEDBACK_KEY, FUNCTION_KEY } from '../registry-api/api-client';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline();
});
afterAll(() => p?.stop());

const post = (model: string, body: unknown, key: string | null = FEEDBACK_KEY) =>
  call(p, 'POST', `/models/${model}/feedback`, { body, key });

async function stored(model: string): Promise<Record<string, unknown>> {
  const page = await p.adapters.registry.listMonitoring(model, FEEDBACK_KIND, { pageSize: 100 });
  return Object.fromEntries(page.items.map((d) => [d.id, d.body]));
}

describe('feedback', () => {
  it('stores one document per (requestId, row); re-posting replaces instead of adding', async () => {
    const items = [
      { requestId: 'req-1', row: 0, actual: 12.5 },
      { requestId: 'req-1', row: 1, actual: 3 },
      { requestId: 'req-2', actual: 'yes' },
      { requestId: 'never-predicted', actual: true },
    ];
    const res = await post('fb', { items });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ model: 'fb', stored: 4 });
    const docs = await stored('fb');
    expect(Object.keys(docs).sort()).toEqual(
      [
        feedbackId('req-1', 0),
        feedbackId('req-1', 1),
        feedbackId('req-2', 0),
        feedbackId('never-predicted', 0),
      ].sort(),
    );
    expect(docs[feedbackId('req-1', 0)]).toMatchObject({ requestId: 'req-1', row: 0, actual: 12.5 });
    expect(docs[feedbackId('req-2', 0)]).toMatchObject({ requestId: 'req-2', row: 0, actual: 'yes' });

    const again = await post('fb', { items: [{ requestId: 'req-1', row: 1, actual: 4 }] });
    expect(again.json).toEqual({ model: 'fb', stored: 1 });
    const after = await stored('fb');
    expect(Object.keys(after)).toHaveLength(4);
    expect(after[feedbackId('req-1', 1)]).toMatchObject({ actual: 4 });
  });

  it('writes a (requestId, row) repeated inside one request once, the last value winning', async () => {
    const res = await post('fb-dup', {
      items: [
        { requestId: 'r', row: 2, actual: 1 },
        { requestId: 'r', row: 2, actual: 2 },
      ],
    });
    expect(res.json).toEqual({ model: 'fb-dup', stored: 1 });
    expect(await stored('fb-dup')).toEqual({ [feedbackId('r', 2)]: expect.objectContaining({ actual: 2 }) });
  });

  it.each([
    ['no items', { items: [] }, 'items', 'Too small: expected array to have >=1 items'],
    ['items not a list', { items: {} }, 'items', 'Invalid input: expected array, received object'],
    [
      'missing actual',
      { items: [{ requestId: 'a' }] },
      'items.0.actual',
      'required: the true value of the predicted row',
    ],
    [
      'actual of a wrong type',
      {
        items: [
          { requestId: 'a', actual: 1 },
          { requestId: 'b', actual: [1] },
        ],
      },
      'items.1.actual',
      'expected a number, a non-empty label or a boolean',
    ],
    [
      'negative row',
      {
        items: [
          { requestId: 'a', actual: 1 },
          { requestId: 'b', actual: 1 },
          { requestId: 'c', row: -1, actual: 1 },
        ],
      },
      'items.2.row',
      'Too small: expected number to be >=0',
    ],
    [
      'fractional row',
      { items: [{ requestId: 'a', row: 1.5, actual: 1 }] },
      'items.0.row',
      'Invalid input: expected int, received number',
    ],
    [
      'request id with a slash',
      { items: [{ requestId: 'a/b', actual: 1 }] },
      'items.0.requestId',
      "1-128 letters, digits, '.', '_', ':' or '-' (the requestId a prediction answered)",
    ],
    [
      'unknown field',
      { items: [{ requestId: 'a', actual: 1, predicted: 2 }] },
      'items.0',
      'Unrecognized key: "predicted"',
    ],
    ['no items field', { rows: [] }, '(body)', 'Unrecognized key: "rows"'],
  ])('answers 400 for %s, naming the item and field', async (_what, body, field, message) => {
    const res = await post('fb-bad', body);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('bad_request');
    expect(res.json.error?.details?.issues).toContainEqual({ field, message });
    expect(await stored('fb-bad')).toEqual({});
  });

  it.each([
    ['not JSON', '{"items": [', 'invalid_json'],
    ['empty', '', 'invalid_json'],
  ])('answers 400 for a body that is %s', async (_what, body, code) => {
    const res = await post('fb-bad', body);
    expect([res.status, res.json.error?.code]).toEqual([400, code]);
  });

  it(`answers 413 for more than ${MAX_FEEDBACK_ITEMS} items and stores none`, async () => {
    const items = Array.from({ length: MAX_FEEDBACK_ITEMS + 1 }, (_, i) => ({
      requestId: `r${i}`,
      actual: i,
    }));
    const res = await post('fb-big', { items });
    expect([res.status, res.json.error?.code, res.json.error?.message]).toEqual([
      413,
      'too_many_items',
      `Too many feedback items: ${MAX_FEEDBACK_ITEMS + 1}, at most ${MAX_FEEDBACK_ITEMS} per request`,
    ]);
    expect(await stored('fb-big')).toEqual({});
  });

  it('needs the feedback role: 401 without a key, 403 with the function key, 200 with the feedback key', async () => {
    const body = { items: [{ requestId: 'k', actual: 1 }] };
    expect((await post('fb-keys', body, null)).status).toBe(401);
    expect((await post('fb-keys', body, FUNCTION_KEY)).status).toBe(403);
    expect(await stored('fb-keys')).toEqual({});
    expect((await post('fb-keys', body)).status).toBe(200);
  });
});
