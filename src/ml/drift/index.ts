export { chiSquaredDriftTest, chiSquaredTest } from './chi-squared';
export { currentSample, datasetDrift, type DatasetDrift, type DatasetDriftOptions } from './column-drift';
export { jensenShannonDistance, jensenShannonTest } from './jensen-shannon';
export { ksTest, ksTwoSample } from './ks';
export { psi, psiTest } from './psi';
export { DRIFT_TESTS, SMALL_REFERENCE, defaultDriftTest, driftTestByName } from './registry';
export { gammaQ, kolmogorovSf, logGamma } from './special-functions';
export type { CurrentSample, DriftResult, DriftTest } from './types';
export { normalisedWasserstein, wassersteinDistance, wassersteinTest } from './wasserstein';
