import { describe, expect, it } from 'vitest';
import { bikeCase, SETTINGS } from '../../../bench/train-cases';
import { trainGbdt } from '../../../src/ml/gbdt/boosting';
import { predict } from '../../../src/ml/models/predict';
import { BIKE_DATA, bikeDataPresent } from '../../support/bike-data';

const present = bikeDataPresent('the gbdt bike-sharing accuracy test');

// scikit-learn 1.2 HistGradientBoostingRegressor, same rows and settings (npm run bench:train).
const SKLEARN_RMSE = 75.9331;

describe.skipIf(!present)(
  'gbdt on bike sharing (skipped when ../shared/data/bike-sharing/hour.csv is absent)',
  () => {
    it('is within 2% of scikit-learn holdout RMSE on the time split', () => {
      const data = bikeCase(BIKE_DATA);
      const rows = (from: number, to: number) => ({
        nRows: to - from,
        names: data.names,
        columns: data.columns.map((c) => c.subarray(from, to)),
      });
      const n = data.y.length;
      const { model } = trainGbdt(
        { matrix: rows(0, data.nTrain), target: data.y.subarray(0, data.nTrain), task: 'regression' },
        SETTINGS,
      );
      const p = predict(model, rows(data.nTrain, n));
      let sse = 0;
      p.forEach((v, i) => (sse += (v - data.y[data.nTrain + i]) ** 2));
      expect(Math.sqrt(sse / p.length)).toBeLessThan(1.02 * SKLEARN_RMSE);
    });
  },
);
