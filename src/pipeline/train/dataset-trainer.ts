import type { FitInput, FitProgress, FitResult } from './fit-dataset';

/** Runs fitDataset somewhere: in-process, or on a worker thread (WorkerTrainer). */
export interface DatasetTrainer {
  fit(input: FitInput, onProgress: (p: FitProgress) => void): Promise<FitResult>;
}
