import { describe, expect, it } from 'vitest';
import type { BlobInfo } from '../../../src/platform/ports/blob-store';
import { actsForPair, pairMember, pairNames, sameEtag } from '../../../src/pipeline/byo/upload-pair';

const at = (iso: string): BlobInfo => ({
  name: 'x',
  etag: '"1"',
  size: 1,
  lastModified: new Date(iso),
  metadata: {},
});

describe('upload pair', () => {
  it.each([
    ['taxi.onnx', { base: 'taxi', kind: 'onnx' }],
    ['taxi.json', { base: 'taxi', kind: 'sidecar' }],
    ['v2.final.ONNX', { base: 'v2.final', kind: 'onnx' }],
    ['sub/dir.json', { base: 'sub/dir', kind: 'sidecar' }],
    ['taxi.csv', undefined],
    ['.onnx', undefined],
  ])('%s is %j', (name, member) => expect(pairMember(name)).toEqual(member));

  it('names both files under the model', () => {
    expect(pairNames('taxi', 'm')).toEqual({ onnx: 'taxi/m.onnx', sidecar: 'taxi/m.json' });
  });

  it.each([
    ['later', '2026-01-01T00:00:02Z', '2026-01-01T00:00:01Z', true],
    ['earlier', '2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z', false],
    ['the same second', '2026-01-01T00:00:01Z', '2026-01-01T00:00:01Z', true],
  ])('the file that arrived %s acts: %s', (_, mine, other, acts) => {
    expect(actsForPair(at(mine), at(other))).toBe(acts);
  });

  it('compares ETags with or without quotes', () => {
    expect(sameEtag('"0x1"', '0x1')).toBe(true);
    expect(sameEtag('"0x1"', '"0x2"')).toBe(false);
  });
});
