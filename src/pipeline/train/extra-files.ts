import { encodeHashes } from '../../ml/split/seen-rows';
import { sha256Hex } from '../../domain/ids';
import type { FitResult } from './fit-dataset';
import type { artifactPaths, ModelCard } from '../../domain/model-card';

/** The validated model's ONNX and the training row hashes, when there are, and their card entries. */
export function extraFiles(
  fit: FitResult,
  paths: ReturnType<typeof artifactPaths>,
): { files: { path: string; data: Uint8Array }[]; card: Partial<ModelCard> } {
  const files: { path: string; data: Uint8Array }[] = [];
  const card: { -readonly [K in keyof ModelCard]?: ModelCard[K] } = {};
  if (fit.validated) {
    const { onnx, pipeline } = fit.validated;
    files.push({ path: paths.validatedOnnx, data: onnx });
    card.validated = {
      onnx: { path: paths.validatedOnnx, sha256: sha256Hex(onnx), bytes: onnx.byteLength },
      featurePipeline: pipeline,
    };
  }
  if (fit.refit) card.refit = fit.refit;
  if (fit.trainedThrough) card.trainedThrough = fit.trainedThrough;
  if (fit.trainingRows) {
    const data = encodeHashes(fit.trainingRows.hashes);
    files.push({ path: paths.trainingRows, data });
    card.trainingRows = {
      path: paths.trainingRows,
      sha256: sha256Hex(data),
      bytes: data.byteLength,
      columns: fit.trainingRows.columns,
      count: fit.trainingRows.hashes.length,
    };
  }
  return { files, card };
}
