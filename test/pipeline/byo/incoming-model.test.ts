// Bring-your-own ONNX through the local runtime: the incoming-models trigger on real emulators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../src/domain/run';
import { parseUploadedCard } from '../../../src/domain/uploaded-model';
import { runIdFor } from '../../../src/domain/ids';
import { startPipeline, type Pipeline } from '../../support/runtime';
import { uniqueName } from '../../support/settings';
import { waitFor } from '../../support/wait';
import { externalDataModel } from '../../ml/onnx/proto/identity-model';
import { makeSklearnModel, sklearnMissing, type SklearnModel } from './sklearn-fixture';

const missing = sklearnMissing();
if (missing && process.env.CI === 'true') throw new Error(`CI needs scikit-learn and onnx: ${missing}`);
if (missing) console.warn(`Skipping the bring-your-own ONNX runtime tests: ${missing}`);

const DATASET = 'byo-taxi-holdout.csv';

describe.skipIf(missing !== undefined)('incoming-models/{model}/{name}.onnx + .json', () => {
  let pipeline: Pipeline;
  let sk: SklearnModel;

  beforeAll(async () => {
    sk = makeSklearnModel(DATASET);
    pipeline = await startPipeline();
    // Outside any {model}/ folder, so the data drop trigger does not train on it.
    await pipeline.adapters.blobs.upload(pipeline.config.containers.datasets, DATASET, sk.csv);
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  /** Uploads the sidecar, then the model (or the other way round); returns the pair's run id. */
  async function upload(model: string, onnx: Buffer, sidecar: string, onnxFirst = false): Promise<string> {
    const container = pipeline.config.containers.incomingModels;
    const put = (name: string, data: Buffer | string) =>
      pipeline.adapters.blobs.upload(container, `${model}/${name}`, data);
    const first = onnxFirst ? await put('m.onnx', onnx) : await put('m.json', sidecar);
    const second = onnxFirst ? await put('m.json', sidecar) : await put('m.onnx', onnx);
    const [onnxInfo, jsonInfo] = onnxFirst ? [first, second] : [second, first];
    return runIdFor(`${container}/${model}/m`, `${onnxInfo.etag}+${jsonInfo.etag}`);
  }

  /** The run, once it has reached validation or ended. */
  async function ingested(model: string, runId: string): Promise<Run> {
    let run: Run | undefined;
    await waitFor(`run ${runId} of ${model} to get past ingest`, async () => {
      run = await pipeline.adapters.registry.getRun(model, runId);
      return run !== undefined && (run.status !== 'running' || run.stage !== 'ingest');
    });
    return run!;
  }

  it('becomes a candidate version with the uploaded ONNX, a card and a scored holdout', async () => {
    const model = uniqueName('byo');
    const runId = await upload(model, sk.onnx, JSON.stringify(sk.sidecar));
    const run = await ingested(model, runId);
    expect(run.trigger).toMatchObject({ kind: 'upload', blobName: `${model}/m.onnx` });
    expect(run.version).toBe(1);
    const version = await pipeline.adapters.registry.getVersion(model, 1);
    expect(version).toMatchObject({
      source: 'uploaded',
      runId,
      task: 'regression',
      algorithm: 'uploaded-onnx',
      artifact: { path: `${model}/1/model.onnx`, bytes: sk.onnx.byteLength },
      lineage: { blobName: DATASET, rows: 2000, columns: 5 },
    });
    const models = pipeline.config.containers.models;
    const stored = await pipeline.adapters.blobs.downloadToBuffer(models, `${model}/1/model.onnx`);
    expect(stored.data.equals(sk.onnx)).toBe(true);
    const cardText = (await pipeline.adapters.blobs.downloadToBuffer(models, `${model}/1/card.json`)).data;
    const card = parseUploadedCard(cardText.toString('utf8'), 'card.json');
    expect(card).toMatchObject({ model, version: 1, runId, source: 'uploaded', holdout: { rows: 500 } });
    expect(card.onnx.outputs).toEqual([{ name: 'demand', type: 'float32', shape: ['N', 1] }]);
    expect(card.target).toEqual({ name: 'demand', task: 'regression' });
    expect(card.spec).toMatchObject({ target: 'demand', task: 'regression', seed: 42 });
    expect(card.spec.validation).toMatchObject({
      holdoutFraction: 0.25,
      sliceColumns: [],
      maxSliceErrorRatio: 3,
    });
    const holdout = (await pipeline.adapters.blobs.downloadToBuffer(models, card.holdout.path)).data.toString(
      'utf8',
    );
    const first = JSON.parse(holdout.split('\n')[0]) as { row: Record<string, number>; engine: number[] };
    const c = sk.printed.coefficients;
    const r = first.row;
    const expected =
      sk.printed.intercept + c[0] * r.hour + c[1] * r.temperature + c[2] * r.is_holiday + c[3] * r.zone_id;
    expect(first.engine[0]).toBeCloseTo(expected, 3);
  });

  it('is validated and promoted to production like a trained model, with metrics and gates', async () => {
    const model = uniqueName('byo-prod');
    const runId = await upload(model, sk.onnx, JSON.stringify(sk.sidecar));
    // The run ends last, after the alias moved and the statuses settled.
    await waitFor('the uploaded model run to end', async () => {
      const run = await pipeline.adapters.registry.getRun(model, runId);
      return run?.status === 'succeeded' || run?.status === 'failed';
    });
    expect((await pipeline.adapters.registry.getRun(model, runId))?.status).toBe('succeeded');
    expect((await pipeline.adapters.registry.getAlias(model, 'production'))?.version).toBe(1);
    const version = await pipeline.adapters.registry.getVersion(model, 1);
    expect(version).toMatchObject({ status: 'production', source: 'uploaded', runId });
    expect(version?.metrics.r2).toBeGreaterThan(0.9);
    expect(version?.gates.length).toBeGreaterThan(0);
    expect(version?.gates.every((g) => g.passed)).toBe(true);
  });

  it("judges by the model's spec when it has one", async () => {
    const model = uniqueName('byo-spec');
    await pipeline.adapters.registry.putSpec(model, {
      target: 'demand',
      validation: { sliceColumns: ['zone_id'] },
    });
    const runId = await upload(model, sk.onnx, JSON.stringify(sk.sidecar));
    await ingested(model, runId);
    const models = pipeline.config.containers.models;
    const text = (
      await pipeline.adapters.blobs.downloadToBuffer(models, `${model}/1/card.json`)
    ).data.toString('utf8');
    expect(parseUploadedCard(text, 'card.json').spec.validation).toMatchObject({
      sliceColumns: ['zone_id'],
      holdoutFraction: 0.25,
    });
  });

  it('registers the pair once, whichever file arrives second', async () => {
    const model = uniqueName('byo-order');
    const runId = await upload(model, sk.onnx, JSON.stringify(sk.sidecar), true);
    await ingested(model, runId);
    // Both files fire; the later one (or both, within the same second) takes the pair up.
    const lines = () =>
      pipeline.logLines.filter((l) => l.includes(`/${model}/m.`) && l.includes('ingestUploadedModel'));
    await waitFor('both triggers of the pair', () => lines().length >= 2);
    expect(lines().filter((l) => /: (ingested|already_done) \(/.test(l)).length).toBeGreaterThanOrEqual(1);
    const versions = await pipeline.versions(model);
    expect(versions.map((v) => v.runId)).toEqual([runId]);
    const stored = await pipeline.adapters.blobs.list(pipeline.config.containers.models, `${model}/`);
    const names: string[] = [];
    for await (const b of stored) names.push(b.name);
    expect(names.sort()).toEqual([
      `${model}/1/card.json`,
      `${model}/1/holdout.jsonl`,
      `${model}/1/model.onnx`,
    ]);
  });

  const bad: [string, () => { onnx: Buffer; sidecar: string }, string, RegExp][] = [
    [
      'corrupt ONNX bytes',
      () => ({ onnx: Buffer.from('definitely not protobuf'), sidecar: JSON.stringify(sk.sidecar) }),
      'bad_model',
      /^ONNX Runtime cannot load the uploaded model: /,
    ],
    [
      'a sidecar that is not JSON',
      () => ({ onnx: sk.onnx, sidecar: '{"task": "regression",' }),
      'bad_sidecar',
      /^Invalid sidecar .+\/m\.json: not JSON \(/,
    ],
    [
      'sidecar inputs that do not match the model',
      () => ({
        onnx: sk.onnx,
        sidecar: JSON.stringify({
          ...sk.sidecar,
          inputs: [{ name: 'features', columns: ['hour', 'temperature'], type: 'float32' }],
        }),
      }),
      'bad_model',
      /^The uploaded ONNX model takes inputs the sidecar does not declare: "hour", "temperature", "is_holiday", "zone_id"$/,
    ],
    [
      'an ONNX model with an external-data initializer',
      () => ({ onnx: externalDataModel(), sidecar: JSON.stringify(sk.sidecar) }),
      'external_data',
      /^.+\/m\.onnx keeps tensor "w" in an external data file: embed every initializer in the \.onnx file$/,
    ],
    [
      'a sidecar over MAX_SIDECAR_BYTES, refused from its properties',
      () => ({ onnx: sk.onnx, sidecar: JSON.stringify(sk.sidecar) + ' '.repeat(70_000) }),
      'too_large',
      /^.+\/m\.json is \d+ bytes, over the limit of 65536 bytes \(MAX_SIDECAR_BYTES\)$/,
    ],
    [
      'a dataset that does not exist',
      () => ({ onnx: sk.onnx, sidecar: JSON.stringify({ ...sk.sidecar, dataset: 'nowhere.csv' }) }),
      'missing_dataset',
      /^The sidecar's dataset "nowhere.csv" does not exist in the .+ container$/,
    ],
  ];
  it.each(bad)(
    '%s ends as a failed run naming the problem, nothing registered',
    async (_, files, code, message) => {
      const model = uniqueName('byo-bad');
      const { onnx, sidecar } = files();
      const runId = await upload(model, onnx, sidecar);
      const run = await pipeline.finishedRun(model, runId, 30_000);
      expect(run.status).toBe('failed');
      expect(run.error?.code).toBe(code);
      expect(run.error?.message).toMatch(message);
      expect(await pipeline.versions(model)).toEqual([]);
    },
  );
});
