import type { BlobInfo } from '../../platform/ports/blob-store';

/** Which file of an upload pair a blob is, and the pair's common base name. */
export interface PairMember {
  readonly base: string;
  readonly kind: 'onnx' | 'sidecar';
}

/** `{base}.onnx` or `{base}.json` (any letter case), else undefined: not part of an upload. */
export function pairMember(fileName: string): PairMember | undefined {
  const m = /^(.+)\.(onnx|json)$/i.exec(fileName);
  if (!m) return undefined;
  return { base: m[1], kind: m[2].toLowerCase() === 'onnx' ? 'onnx' : 'sidecar' };
}

/** The blob names of a pair under `{model}/`. */
export function pairNames(model: string, base: string): { onnx: string; sidecar: string } {
  return { onnx: `${model}/${base}.onnx`, sidecar: `${model}/${base}.json` };
}

/**
 * Whether the trigger of `mine` handles the pair: only the file that arrived second does, so
 * each pair is taken up once even though both files fire. On equal times the model file acts.
 */
export function actsForPair(kind: PairMember['kind'], mine: BlobInfo, other: BlobInfo): boolean {
  const diff = mine.lastModified.getTime() - other.lastModified.getTime();
  return diff > 0 || (diff === 0 && kind === 'onnx');
}

/** ETags compare without the quotes Azure puts in headers and Azurite's listing drops. */
export function sameEtag(a: string, b: string): boolean {
  return a.replace(/"/g, '') === b.replace(/"/g, '');
}
