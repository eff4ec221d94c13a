export { profileCategorical, profileNumeric, type ProfileOptions } from './profile-column';
export { binCounts, midQuantiles, quantileCuts, quantileSorted } from './quantiles';
export { buildTrainingProfile, profilePredictions, type ProfiledPredictions } from './training-profile';
export type { CategoricalProfile, ColumnProfile, NumericProfile, TrainingProfile } from './types';
