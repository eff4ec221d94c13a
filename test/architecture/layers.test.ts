import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerViolations } from './layers';

describe('layers', () => {
  it('src/ imports only what the layer table allows', () => {
    expect(layerViolations(path.join(__dirname, '../../src'))).toEqual([]);
  });

  it('reports an import between use cases and from the domain into a use case', () => {
    expect(layerViolations(path.join(__dirname, 'fixtures/src'))).toEqual([
      { file: 'domain/rule.ts', imports: 'serving/step' },
      { file: 'serving/step.ts', imports: 'pipeline/step' },
    ]);
  });
});
