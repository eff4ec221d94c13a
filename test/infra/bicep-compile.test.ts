// infra/ compiles and lints clean with the Bicep compiler that infra/tools/Bicep.Tools.csproj pins:
// no error and no warning (a rule switched off in infra/bicepconfig.json says why). Needs dotnet
// or BICEP_PATH; without them the suite skips, saying how to run it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HOW_TO_RUN,
  ROOT,
  bicepFiles,
  buildAll,
  findBicep,
  formatDiagnostic,
  lintAll,
  type BicepDiagnostic,
} from './bicep-compiler';

const INFRA = path.join(ROOT, 'infra');
const bicep = findBicep();
if (!bicep) console.warn(`test/infra/bicep-compile.test.ts skipped: no Bicep compiler (${HOW_TO_RUN}).`);

const scratch = mkdtempSync(path.join(tmpdir(), 'bicep-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Everything a reviewer must act on: errors and warnings, each with file, line and rule. */
const problems = (diagnostics: BicepDiagnostic[]): string[] =>
  [...new Set(diagnostics.filter((d) => d.level !== 'Info').map(formatDiagnostic))].sort();

describe.skipIf(!bicep)('infra/ with the Bicep compiler', () => {
  it('builds main.bicep and every module without an error or a warning', () => {
    const result = buildAll(bicep!, INFRA, path.join(scratch, 'out'));
    expect(problems(result.diagnostics)).toEqual([]);
    expect([...result.templates.keys()]).toEqual(bicepFiles(INFRA));
  });

  it('lints every file clean', () => {
    expect(problems(lintAll(bicep!, INFRA))).toEqual([]);
  });

  it('gives every rule switched off in bicepconfig.json its reason', () => {
    const lines = readFileSync(path.join(INFRA, 'bicepconfig.json'), 'utf8').split('\n');
    const unexplained = lines.flatMap((line, i) =>
      /"level":\s*"off"/.test(line) && !/^\s*\/\//.test(lines[i - 1] ?? '')
        ? [`line ${i + 1}: ${line.trim()}`]
        : [],
    );
    expect(unexplained).toEqual([]);
  });

  it('names the file, line and rule of a file that does not compile', () => {
    const dir = path.join(scratch, 'broken');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'broken.bicep'),
      [
        "param location string = 'westeurope'",
        "resource st 'Microsoft.Storage/storageAccounts@2025-01-01' = {",
        "  name: 'stbroken'",
        '  location: location',
        "  kind: 'StorageV2'",
        "  sku: { name: 'Standard_LRS' }",
        '  properties: { allowSharedKeyAcess: false }',
        '}',
        'output id string = stt.id',
        '',
      ].join('\n'),
    );
    const result = buildAll(bicep!, dir, path.join(dir, 'out'));
    const found = problems(result.diagnostics).map((p) => p.replace(/^.*broken\.bicep/, 'broken.bicep'));
    expect(found).toEqual([
      expect.stringMatching(
        /^broken\.bicep:7:17 Warning BCP089: The property "allowSharedKeyAcess" is not allowed.*Did you mean "allowSharedKeyAccess"/,
      ),
      expect.stringMatching(/^broken\.bicep:9:20 Error BCP057: The name "stt" does not exist/),
    ]);
    expect(result.templates.size).toBe(0);
  });
});
