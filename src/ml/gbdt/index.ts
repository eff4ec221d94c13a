// Public face of the gradient boosting trainer; everything else in this folder is its inside.
export { trainGbdt, type GbdtTraining } from './boosting';
export {
  GBDT_DEFAULTS,
  EARLY_STOPPING_DEFAULTS,
  resolveGbdtParams,
  type GbdtParams,
  type EarlyStopping,
} from './params';
export { predictTreesRaw } from './predict-trees';
