import { describe, expect, it } from 'vitest';
import { recordJsonSpans } from '../../../src/serving/predict/record-json-spans';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const texts = (spans: Uint8Array[] | undefined): string[] | undefined =>
  spans?.map((s) => Buffer.from(s).toString('utf8'));

describe('recordJsonSpans', () => {
  it('finds each row of a compact body as its exact text', () => {
    const rows = [{ a: 1, b: 'x' }, { a: -2.5e-3, b: null, c: [1, { d: '}' }] }, {}];
    const text = JSON.stringify({ rows });
    expect(texts(recordJsonSpans(bytes(text), 'rows'))).toEqual(rows.map((r) => JSON.stringify(r)));
  });

  it('keeps strings that hold brackets, quotes, escapes and non-ASCII whole', () => {
    const rows = [
      { s: '{"rows":[1]}', t: 'a\\"]b' },
      { s: 'Zürich ☃ 東京 😀', t: '\u0000\n' },
    ];
    const body = bytes(JSON.stringify({ rows }));
    const found = recordJsonSpans(body, 'rows')!;
    expect(found.map((s) => JSON.parse(Buffer.from(s).toString('utf8')) as unknown)).toEqual(rows);
  });

  it('keeps spaces and tabs inside a row, trims what is around it', () => {
    const text = '{ "rows" : [ {"a": 1,\t"b": "x"} ,  {"a":2} ] }';
    expect(texts(recordJsonSpans(bytes(text), 'rows'))).toEqual(['{"a": 1,\t"b": "x"}', '{"a":2}']);
  });

  it('reads the list under the wanted key only, the last one when the key repeats (as JSON.parse)', () => {
    const text = '{"other":[{"x":1}],"rows":[{"a":1}],"rows":[{"a":2},{"a":3}],"more":{"rows":[{"z":0}]}}';
    expect(texts(recordJsonSpans(bytes(text), 'rows'))).toEqual(['{"a":2}', '{"a":3}']);
    expect(texts(recordJsonSpans(bytes('{"dataframe_records":[{"a":1}]}'), 'dataframe_records'))).toEqual([
      '{"a":1}',
    ]);
  });

  it.each([
    ['the key is absent', '{"row":[{"a":1}]}'],
    ['the key is not a list', '{"rows":{"a":1}}'],
    ['a row spans lines (pretty-printed)', '{"rows":[{\n  "a": 1\n}]}'],
    ['a row spans lines with CR', '{"rows":[{"a":1,\r"b":2}]}'],
    ['a row is a list', '{"rows":[[1,2]]}'],
    ['a row is a number', '{"rows":[{"a":1},2]}'],
    ['a row is a string', '{"rows":["x"]}'],
    ['a top-level key is written with escapes', '{"rows":[{"a":1}],"r\\u006fws":[{"a":2}]}'],
  ])('gives up when %s', (_name, text) => {
    expect(recordJsonSpans(bytes(text), 'rows')).toBeUndefined();
  });

  it('accepts line breaks between rows, which no row holds', () => {
    const text = '{\n"rows": [\n{"a":1},\n{"a":2}\n]\n}';
    expect(texts(recordJsonSpans(bytes(text), 'rows'))).toEqual(['{"a":1}', '{"a":2}']);
  });

  it('returns views into the body, not copies', () => {
    const body = bytes('{"rows":[{"a":1}]}');
    const [span] = recordJsonSpans(body, 'rows')!;
    expect(span!.buffer).toBe(body.buffer);
  });
});
