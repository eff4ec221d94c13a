// The same raw values through predict's encoder and through the drift check's accumulator: each
// is read the same way (a value, missing, or unreadable), so monitoring sees what serving served.
import { describe, expect, it } from 'vitest';
import { transformRecords } from '../../../../src/ml/features/transform-records';
import type { FeaturePipeline, InputField } from '../../../../src/ml/features/types';
import { validateRecord } from '../../../../src/ml/features/validate-record';
import { profileCategorical, profileNumeric } from '../../../../src/ml/profile/profile-column';
import type { ColumnProfile } from '../../../../src/ml/profile/types';
import { ColumnAccumulator } from '../../../../src/monitoring/drift/report/column-accumulator';

const VOCABULARY = ['red', '7'];
const PIPELINE: FeaturePipeline = {
  version: 1,
  forModel: 'trees',
  target: { name: 'y', task: 'regression' },
  inputs: [
    { name: 'x', type: 'numeric' },
    { name: 'c', type: 'categorical' },
    { name: 'b', type: 'boolean' },
  ],
  steps: [
    { kind: 'numeric', input: 'x', output: 'x', impute: null },
    { kind: 'ordinal', input: 'c', output: 'c', vocabulary: VOCABULARY },
    { kind: 'boolean', input: 'b', output: 'b', impute: null },
  ],
  featureNames: ['x', 'c', 'b'],
  dropped: [],
  warnings: [],
};
const PROFILES: Record<string, ColumnProfile> = {
  x: profileNumeric(Float64Array.from({ length: 101 }, (_, i) => i)),
  c: profileCategorical(VOCABULARY),
  b: profileCategorical(['true', 'false']),
};

type Reading = 'missing' | 'unreadable' | number | string;

/** What predict makes of `raw` in field `index`: its encoded value, missing, or a refusal. */
function predictReads(index: number, raw: unknown): Reading {
  const field = PIPELINE.inputs[index]!;
  const row = { x: null, c: null, b: null, [field.name]: raw };
  if (validateRecord(PIPELINE, row).length > 0) return 'unreadable';
  const v = transformRecords(PIPELINE, [row]).columns[index]![0]!;
  if (Number.isNaN(v)) return 'missing';
  if (field.type === 'categorical') return VOCABULARY[v] ?? 'unknown';
  if (field.type === 'boolean') return v === 1 ? 'true' : 'false';
  return v;
}

/** What the drift check makes of `raw`: the bucket or value it counted, missing, or unreadable. */
function monitoringReads(field: InputField, raw: unknown): Reading {
  const acc = new ColumnAccumulator(PROFILES[field.name]!, field);
  acc.add(raw);
  if (acc.missing === 1) return 'missing';
  if (acc.unreadable === 1) return 'unreadable';
  if (field.type === 'numeric') return acc.reservoir[0]!;
  const profile = PROFILES[field.name]!;
  const bucket = acc.counts.indexOf(1);
  return profile.type === 'categorical' ? (profile.categories[bucket]?.value ?? 'unknown') : bucket;
}

const CASES: Record<string, unknown[]> = {
  x: [
    3,
    '3',
    ' 3.5 ',
    '1e2',
    '-0',
    null,
    undefined,
    '',
    'n/a',
    'NA',
    'NaN',
    'None',
    'ten',
    'Infinity',
    true,
    {},
    [1],
  ],
  c: ['red', ' red ', 7, '7', '07', 'blue', true, null, 'n/a', '', {}, [1]],
  b: [true, false, 'true', 'FALSE', 'True', 1, 0, '1', 2, 'yes', null, 'NA', {}],
};

describe('predict and the drift check read every raw value alike', () => {
  PIPELINE.inputs.forEach((field, index) => {
    it.each(CASES[field.name]!.map((raw) => [JSON.stringify(raw) ?? 'undefined', raw]))(
      `${field.type} input: %s`,
      (_, raw) => {
        expect(monitoringReads(field, raw)).toEqual(predictReads(index, raw));
      },
    );
  });

  it('covers each kind of reading in the table', () => {
    const kinds = new Set(
      PIPELINE.inputs.flatMap((field, index) =>
        CASES[field.name]!.map((raw) => {
          const r = predictReads(index, raw);
          return typeof r === 'number' ? 'number' : r === 'missing' || r === 'unreadable' ? r : 'label';
        }),
      ),
    );
    expect([...kinds].sort()).toEqual(['label', 'missing', 'number', 'unreadable']);
  });
});
