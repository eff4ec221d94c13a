import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { defaultGates } from '../../../src/domain/spec/gate';
import { parseModelSpec, parseModelSpecText } from '../../../src/domain/spec/model-spec';

function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.category).toBe('invalid');
    expect(appError.code).toBe('bad_spec');
    return appError.details?.issues as { field: string; message: string }[];
  }
  throw new Error('expected the spec to be refused');
}

describe('parseModelSpec', () => {
  it('fills every default from the target alone', () => {
    expect(parseModelSpec({ target: 'cnt' })).toEqual({
      target: 'cnt',
      exclude: [],
      format: { dateFormats: {} },
      algorithm: 'gbdt',
      params: {},
      seed: 42,
      validation: {
        holdoutFraction: 0.2,
        sliceColumns: [],
        maxSliceErrorRatio: 3,
        minSliceRows: 30,
        refit: true,
        minRows: 30,
      },
      monitoring: {
        driftThreshold: 0.1,
        datasetDriftShare: 0.5,
        minSamples: 200,
        maxLiveErrorRatio: 1.25,
        dataQualityMargin: 0.1,
        reference: 'training',
        referenceWindowsBack: 1,
      },
      retrain: { maxDrops: 5, cooldownMinutes: 60, maxConsecutiveLosses: 3, holdout: 'all' },
      deployment: {
        promotion: 'direct',
        share: 0.1,
        minFeedback: 200,
        alpha: 0.05,
        maxDays: 14,
        errorMetric: 'absolute',
      },
    });
  });

  it('keeps what the spec states', () => {
    const spec = parseModelSpec({
      target: 'cnt',
      timeColumn: 'dteday',
      exclude: ['instant', 'casual', 'registered'],
      validation: { gates: [{ metric: 'rmse', threshold: 120 }], sliceColumns: ['weathersit'] },
    });
    expect(spec.timeColumn).toBe('dteday');
    expect(spec.validation.gates).toEqual([{ metric: 'rmse', threshold: 120 }]);
    expect(spec.validation.holdoutFraction).toBe(0.2);
  });

  it.each([
    [{}, [{ field: 'target', message: 'Invalid input: expected string, received undefined' }]],
    [
      { target: 'y', algorithm: 'forest' },
      [{ field: 'algorithm', message: 'Invalid option: expected one of "gbdt"|"linear"|"logistic"' }],
    ],
    [{ target: 'y', epochs: 3 }, [{ field: '(spec)', message: 'Unrecognized key: "epochs"' }]],
    [{ target: 'y', exclude: ['y'] }, [{ field: 'exclude', message: 'target cannot be excluded' }]],
    [
      { target: 'y', validation: { holdoutFraction: 1.5 } },
      [{ field: 'validation.holdoutFraction', message: 'Too big: expected number to be <1' }],
    ],
    [
      { target: 'y', validation: { gates: [{ metric: 'rmse' }] } },
      [
        {
          field: 'validation.gates.0',
          message: 'a gate needs threshold, minAbsoluteChange or minRelativeChange',
        },
      ],
    ],
    [
      { target: 'y', monitoring: { reference: 'last-week' } },
      [{ field: 'monitoring.reference', message: 'Invalid option: expected one of "training"|"recent"' }],
    ],
    [
      { target: 'y', monitoring: { dataQualityMargin: 1.5, referenceWindowsBack: 0 } },
      [
        { field: 'monitoring.dataQualityMargin', message: 'Too big: expected number to be <=1' },
        { field: 'monitoring.referenceWindowsBack', message: 'Too small: expected number to be >=1' },
      ],
    ],
    [
      { target: 'y', format: { delimiter: ':' } },
      [{ field: 'format.delimiter', message: 'Invalid option: expected one of ","|";"|"\t"|"|"' }],
    ],
  ])('refuses %j naming the field', (input, expected) => {
    expect(issuesOf(() => parseModelSpec(input))).toEqual(expected);
  });

  it('keeps the CSV delimiter and date forms the spec states, and refuses an unknown form', () => {
    const spec = parseModelSpec({
      target: 'y',
      format: { delimiter: ';', dateFormats: { day: 'DD/MM/YYYY' } },
    });
    expect(spec.format).toEqual({ delimiter: ';', dateFormats: { day: 'DD/MM/YYYY' } });
    const issues = issuesOf(() =>
      parseModelSpec({ target: 'y', format: { dateFormats: { day: 'D/M/YY' } } }),
    );
    expect(issues[0]?.field).toBe('format.dateFormats.day');
    expect(issues[0]?.message).toMatch(/^Invalid option: expected one of "DD\/MM\/YYYY"\|"MM\/DD\/YYYY"/);
  });

  it('says when model.json is not JSON', () => {
    expect(() => parseModelSpecText('{target: cnt')).toThrow(/^Invalid model spec model.json: not JSON \(/);
  });

  it('gives default gates that compare with the champion for each task', () => {
    for (const task of ['regression', 'binary', 'multiclass'] as const) {
      expect(defaultGates(task).some((gate) => gate.minAbsoluteChange === 0)).toBe(true);
    }
  });
});
