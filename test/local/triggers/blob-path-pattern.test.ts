import { describe, expect, it } from 'vitest';
import { compileBlobPath } from '../../../src/local/triggers/blob-path-pattern';

describe('compileBlobPath', () => {
  it.each([
    ['datasets/{model}/{name}', 'taxi/2024.csv', { model: 'taxi', name: '2024.csv' }],
    ['datasets/{model}/{name}', 'taxi/sub/2024.csv', { model: 'taxi', name: 'sub/2024.csv' }],
    ['datasets/{model}/{name}', 'taxi.csv', undefined],
    ['incoming-models/{model}/{name}.onnx', 'iris/v2.onnx', { model: 'iris', name: 'v2' }],
    ['incoming-models/{model}/{name}.onnx', 'iris/v2.json', undefined],
    ['datasets/fixed/{name}', 'fixed/a.csv', { name: 'a.csv' }],
    ['datasets/fixed/{name}', 'other/a.csv', undefined],
    ['datasets/{name}', 'a+b (1).csv', { name: 'a+b (1).csv' }],
  ])('%s on %s → %j', (path, blob, expected) => {
    expect(compileBlobPath(path).match(blob)).toEqual(expected);
  });

  it.each([
    ['datasets/{model}/{name}', 'datasets', ''],
    ['datasets/fixed/{name}', 'datasets', 'fixed/'],
    ['datasets', 'datasets', ''],
  ])('%s lists container %s with prefix "%s"', (path, container, prefix) => {
    expect(compileBlobPath(path)).toMatchObject({ container, prefix });
  });

  it('refuses a path without a literal container', () => {
    expect(() => compileBlobPath('{container}/{name}')).toThrow(
      'Blob trigger path "{container}/{name}" must start with a literal container name.',
    );
  });
});
