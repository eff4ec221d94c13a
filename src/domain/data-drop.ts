import type { RetrainLineage } from './model-version';

/** A new or changed blob under `{datasets}/{model}/`, as the train step takes it. */
export interface DataDrop {
  readonly model: string;
  /** The file name under the model's folder, e.g. `2025-06.csv`. */
  readonly name: string;
  /** Blob name within the datasets container: `{model}/{name}`. */
  readonly blobName: string;
  readonly etag: string;
  readonly size: number;
  readonly content: Uint8Array;
  /** Derived from blobName and etag (runIdFor): the same blob version is the same run. */
  readonly runId: string;
  /** Set on a data blob a retrain request assembled (from its metadata): why it was asked. */
  readonly retrain?: RetrainLineage;
}

const DATA_EXTENSIONS = ['.csv', '.jsonl', '.ndjson', '.parquet'];

/** Why a blob in the datasets container is not a data drop, or undefined when it is one. */
export function notADataDrop(name: string): string | undefined {
  if (name === 'model.json') return 'it is the model spec, not data';
  const lower = name.toLowerCase();
  if (!DATA_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
    return `only ${DATA_EXTENSIONS.join(', ')} files are data drops`;
  }
  return undefined;
}
