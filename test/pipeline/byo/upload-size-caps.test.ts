// Uploaded models are capped from the blobs' properties, before either file is read, so a huge
// upload costs a properties call and nothing more.
import { describe, expect, it } from 'vitest';
import { prepareUpload } from '../../../src/pipeline/byo/prepare-upload';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

const NAMES = { onnx: 'taxi/m.onnx', sidecar: 'taxi/m.json' };
const ETAGS = { onnx: '"1"', sidecar: '"2"' };

/** The deps with caps set, and a count of the downloads the step asked for. */
function cappedDeps(limits: { maxUploadedModelBytes?: number; maxSidecarBytes?: number }): {
  deps: MemoryDeps;
  downloads: string[];
} {
  const deps = memoryDeps();
  const downloads: string[] = [];
  const blobs = deps.memory.blobs;
  const download = blobs.downloadToBuffer.bind(blobs);
  blobs.downloadToBuffer = async (container: string, name: string) => {
    downloads.push(`${container}/${name}`);
    return download(container, name);
  };
  return {
    deps: { ...deps, settings: { ...deps.settings, limits: { ...deps.settings.limits, ...limits } } },
    downloads,
  };
}

describe('upload size caps', () => {
  it('refuses an ONNX file over MAX_UPLOADED_MODEL_BYTES from its size, reading neither file', async () => {
    const { deps, downloads } = cappedDeps({ maxUploadedModelBytes: 1_000 });
    const upload = { container: 'incoming-models', model: 'taxi', names: NAMES, etags: ETAGS };
    await expect(
      prepareUpload(deps, { ...upload, sizes: { onnx: 1_001, sidecar: 200 } }),
    ).rejects.toMatchObject({
      category: 'too_large',
      code: 'too_large',
      message:
        'incoming-models/taxi/m.onnx is 1001 bytes, over the limit of 1000 bytes (MAX_UPLOADED_MODEL_BYTES)',
      details: { limit: 1_000, size: 1_001 },
    });
    expect(downloads).toEqual([]);
  });

  it('applies the 256 MiB default when no cap is set', async () => {
    const { deps, downloads } = cappedDeps({});
    const upload = { container: 'incoming-models', model: 'taxi', names: NAMES, etags: ETAGS };
    const over = 256 * 1024 * 1024 + 1;
    await expect(
      prepareUpload(deps, { ...upload, sizes: { onnx: over, sidecar: 200 } }),
    ).rejects.toMatchObject({
      code: 'too_large',
      message: `incoming-models/taxi/m.onnx is ${over} bytes, over the limit of ${over - 1} bytes (MAX_UPLOADED_MODEL_BYTES)`,
    });
    expect(downloads).toEqual([]);
  });

  it('refuses a sidecar over MAX_SIDECAR_BYTES the same way', async () => {
    const { deps, downloads } = cappedDeps({ maxSidecarBytes: 100 });
    const upload = { container: 'incoming-models', model: 'taxi', names: NAMES, etags: ETAGS };
    await expect(prepareUpload(deps, { ...upload, sizes: { onnx: 10, sidecar: 101 } })).rejects.toMatchObject(
      {
        code: 'too_large',
        message: 'incoming-models/taxi/m.json is 101 bytes, over the limit of 100 bytes (MAX_SIDECAR_BYTES)',
      },
    );
    expect(downloads).toEqual([]);
  });
});
