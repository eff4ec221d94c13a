import type { BlobStore } from '../platform/ports/blob-store';
import type { MessageQueue } from '../platform/ports/message-queue';
import type { Registry } from '../platform/ports/registry';
import type { Telemetry } from '../platform/ports/telemetry';
import type { DatasetTrainer } from './train/dataset-trainer';

/** Container and queue names and limits the pipeline steps read from the app's settings. */
export interface PipelineSettings {
  readonly containers: { readonly datasets: string; readonly models: string };
  readonly queues: { readonly validate: string; readonly register: string };
  readonly limits: {
    readonly maxDatasetBytes: number;
    readonly maxDatasetRows: number;
    /** Unset: the readers' default (MAX_DATASET_COLUMNS's). */
    readonly maxDatasetColumns?: number;
    /** Unset: MAX_UPLOADED_MODEL_BYTES's default. */
    readonly maxUploadedModelBytes?: number;
    /** Unset: MAX_SIDECAR_BYTES's default. */
    readonly maxSidecarBytes?: number;
  };
  /** The app's package version, recorded in model cards. */
  readonly packageVersion: string;
}

/** The ports every pipeline step is given (built once per process by the functions layer). */
export interface PipelineDeps {
  readonly blobs: BlobStore;
  readonly queue: MessageQueue;
  readonly registry: Registry;
  readonly settings: PipelineSettings;
  /** Where training runs; default in-process (the app passes a WorkerTrainer). */
  readonly trainer?: DatasetTrainer;
  /** Where steps report durations and version events (default: nowhere). */
  readonly telemetry?: Telemetry;
  /** Where a step writes a line for the operator (default: nowhere). */
  readonly log?: (line: string) => void;
}
