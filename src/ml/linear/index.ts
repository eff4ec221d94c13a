// Public face of the linear trainers.
export { trainRidge, type RidgeParams } from './ridge';
export { trainLogistic, type LogisticParams } from './logistic';
export { predictLinearRaw } from './predict-linear';
