import type { Task } from '../../matrix';
import { binaryLogLoss } from './binary-logloss';
import { multiclassSoftmax } from './multiclass-softmax';
import type { Objective } from './objective';
import { squaredError } from './squared-error';

/** The objective each task trains with; explicit, so nothing registers by import side effect. */
export const OBJECTIVES: Readonly<Record<Task, Objective>> = {
  regression: squaredError,
  binary: binaryLogLoss,
  multiclass: multiclassSoftmax,
};
