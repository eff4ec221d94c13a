import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../../../src/monitoring/drift/report/log-line';

describe('parseLogLine', () => {
  it.each([
    ['{oops', 'not JSON'],
    ['42', 'not an object'],
    ['null', 'not an object'],
    ['{"prediction":1}', 'no inputs object'],
    ['{"inputs":{"a":1}}', 'no prediction'],
    ['{"inputs":{"a":1},"prediction":true}', 'no prediction'],
  ])('skips %s as %s', (line, reason) => {
    expect(parseLogLine(line)).toEqual({ ok: false, reason });
  });

  it('reads a well-formed row', () => {
    const line =
      '{"requestId":"r","row":2,"model":"m","version":3,"inputs":{"a":1},"prediction":"x","time":"t"}';
    const parsed = parseLogLine(line);
    expect(parsed.ok && parsed.row.row).toBe(2);
    expect(parsed.ok && parsed.row.prediction).toBe('x');
  });
});
