export { accuracy, classScores, macroScores } from './classification';
export { evaluate, type Prediction } from './evaluate';
export { logLoss } from './log-loss';
export { mae, mape, r2, regressionMetrics, rmse } from './regression';
export { rocAuc, rocAucScore } from './roc-auc';
export { sliceMetrics, type SliceMetrics, type SliceOptions } from './slices';
export { binaryProbabilities, predictedClasses, type MetricSet, type Probabilities } from './types';
