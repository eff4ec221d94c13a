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
 * Whether the trigger of `mine` takes the pair up: the file that arrived last does, so a pair is
 * normally taken up once although both files fire. Blob times have one-second resolution, so on
 * equal times both act; that is safe, as every step is idempotent per run (the registry settles
 * two versions of one run to one), and only costs the work twice.
 */
export function actsForPair(mine: BlobInfo, other: BlobInfo): boolean {
  return mine.lastModified.getTime() >= other.lastModified.getTime();
}

/** ETags compare without the quotes Azure puts in headers and Azurite's listing drops. */
export function sameEtag(a: string, b: string): boolean {
  return a.replace(/"/g, '') === b.replace(/"/g, '');
}
