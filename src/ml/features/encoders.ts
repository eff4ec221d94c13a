import { datePart, newUtcTime, partOf, utcTime } from '../schema/datetime';
import type { FeatureStep } from './types';

/**
 * Writes one input value into its feature columns at `row`. Numbers: NaN = missing; labels: null =
 * missing. The same encoder serves the training table and serving requests.
 */
export type StepEncoder =
  | {
      readonly takes: 'number';
      readonly width: number;
      write(v: number, out: Float32Array[], row: number): void;
    }
  | {
      readonly takes: 'label';
      readonly width: number;
      write(v: string | null, out: Float32Array[], row: number): void;
    };

/** The encoder of a step; `out` holds just this step's columns. */
export function stepEncoder(step: FeatureStep): StepEncoder {
  switch (step.kind) {
    case 'numeric':
    case 'boolean': {
      const impute = step.impute ?? NaN;
      return {
        takes: 'number',
        width: 1,
        write: (v, out, row) => {
          out[0][row] = Number.isNaN(v) ? impute : v;
        },
      };
    }
    case 'dateParts': {
      const { parts, impute } = step;
      // The calendar date is worked out once per value, not once per part.
      const time = newUtcTime();
      return {
        takes: 'number',
        width: parts.length,
        write: (v, out, row) => {
          const t = Number.isNaN(v) ? null : utcTime(v, time);
          for (let p = 0; p < parts.length; p++) {
            out[p][row] =
              t !== null
                ? partOf(t, parts[p])
                : Number.isNaN(v)
                  ? impute === null
                    ? NaN
                    : impute[p]
                  : datePart(v, parts[p]);
          }
        },
      };
    }
    case 'ordinal': {
      const index = new Map(step.vocabulary.map((v, i) => [v, i]));
      const unknown = step.vocabulary.length;
      return {
        takes: 'label',
        width: 1,
        write: (v, out, row) => {
          out[0][row] = v === null ? NaN : (index.get(v) ?? unknown);
        },
      };
    }
    case 'oneHot': {
      const index = new Map(step.vocabulary.map((v, i) => [v, i]));
      const unknown = step.vocabulary.length;
      return {
        takes: 'label',
        width: unknown + 1,
        write: (v, out, row) => {
          const hot = v === null ? unknown : (index.get(v) ?? unknown);
          for (let k = 0; k <= unknown; k++) out[k][row] = k === hot ? 1 : 0;
        },
      };
    }
  }
}
