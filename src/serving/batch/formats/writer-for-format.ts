import type { FileMetaData } from 'hyparquet';
import type { DataFormat } from '../../../ml/data';
import type { ServedModel } from '../../model-cache/served-model';
import { csvPredictionsWriter } from './csv-writer';
import { jsonlPredictionsWriter } from './jsonl-writer';
import { parquetPredictionsWriter } from './parquet-writer';
import type { PredictionsWriter } from './predictions-writer';

/** The output writer of the input's format (Parquet reuses the input's schema). */
export function predictionsWriter(
  format: DataFormat,
  served: Pick<ServedModel, 'classes' | 'task'>,
  parquet: FileMetaData | undefined,
): PredictionsWriter {
  if (format === 'csv') return csvPredictionsWriter(served.classes);
  if (format === 'jsonl') return jsonlPredictionsWriter(served.classes);
  return parquetPredictionsWriter(parquet!, served.classes, served.task === 'regression');
}
