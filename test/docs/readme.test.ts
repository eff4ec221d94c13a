import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSidecar } from '../../src/domain/uploaded-model/sidecar';
import { ROUTES } from '../../src/serving/openapi/routes';
import { MODEL_SPEC_FIELDS, parseModelSpec } from '../../src/domain/spec/model-spec';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
const jsonBlocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
const packageJson = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('README', () => {
  it('opens with the two commands', () => {
    const firstBlock = readme.slice(
      readme.indexOf('```sh'),
      readme.indexOf('```', readme.indexOf('```sh') + 5),
    );
    expect(firstBlock).toContain('npm install && npm start');
    expect(firstBlock).toContain('npm install && npm test');
  });

  it('shows a model spec that parses, naming every top-level field', () => {
    const spec = jsonBlocks.find((b) => (b as { target?: unknown }).target === 'trips');
    expect(() => parseModelSpec(spec)).not.toThrow();
    expect(Object.keys(spec as object).sort()).toEqual([...MODEL_SPEC_FIELDS].sort());
  });

  it('shows a bring-your-own sidecar that parses', () => {
    const sidecar = jsonBlocks.find((b) => (b as { dataset?: unknown }).dataset !== undefined);
    expect(() => parseSidecar(sidecar)).not.toThrow();
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1]);
    expect(named.filter((name) => !(name in packageJson.scripts))).toEqual([]);
  });

  it('lists every HTTP route in its API table', () => {
    const missing = Object.values(ROUTES)
      .map((r) => `${r.method} /api/${r.route}`)
      .filter((route) => !readme.includes(route));
    expect(missing).toEqual([]);
  });
});
