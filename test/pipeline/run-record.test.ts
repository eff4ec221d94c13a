// Run writes against the Cosmos stand-in: each is a compare-and-swap, and a failed run stays
// failed whatever write arrives late.
import type { Stored } from '../../src/platform/ports/stored';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/domain/run';
import { updateRun } from '../../src/domain/run-record';
import { failRun } from '../../src/pipeline/fail-run';
import type { PipelineDeps } from '../../src/pipeline/pipeline-deps';
import { freshRegistry } from '../platform/registry/fixtures';

const registry = freshRegistry();

/** The registry, except that the first read of the run returns `stale` (a writer that read earlier). */
function readsStaleOnce(stale: Stored<Run>): Pick<PipelineDeps, 'registry'> {
  let first = true;
  const wrapped = Object.create(registry) as typeof registry;
  wrapped.getRun = async (model, id) => {
    if (first) {
      first = false;
      return stale;
    }
    return registry.getRun(model, id);
  };
  return { registry: wrapped } as unknown as Pick<PipelineDeps, 'registry'>;
}

describe('updateRun', () => {
  it('a progress write that read the run before it failed does not bring it back', async () => {
    const deps = { registry } as unknown as Pick<PipelineDeps, 'registry'>;
    const running = await updateRun(deps, 'runs-cas', 'run-1', {
      status: 'running',
      stage: 'train',
      progress: 0.1,
    });
    await failRun(deps, 'runs-cas', 'run-1', { code: 'bad_data', message: 'the target column is empty' });
    const late = await updateRun(readsStaleOnce(running), 'runs-cas', 'run-1', {
      stage: 'train',
      progress: 0.9,
    });
    expect(late).toMatchObject({ status: 'failed', error: { code: 'bad_data' } });
    expect(await registry.getRun('runs-cas', 'run-1')).toMatchObject({
      status: 'failed',
      error: { code: 'bad_data', message: 'the target column is empty' },
    });
    // Nor does a redelivered step that asks for running again.
    await updateRun(deps, 'runs-cas', 'run-1', { status: 'running', stage: 'ingest' });
    expect((await registry.getRun('runs-cas', 'run-1'))?.status).toBe('failed');
  });

  it('two writers from the same read both land: the second retries from a fresh read', async () => {
    const deps = { registry } as unknown as Pick<PipelineDeps, 'registry'>;
    const first = await updateRun(deps, 'runs-cas', 'run-2', { status: 'running', stage: 'train' });
    await updateRun(deps, 'runs-cas', 'run-2', { timings: { trainMs: 5 } });
    await updateRun(readsStaleOnce(first), 'runs-cas', 'run-2', { timings: { validateMs: 7 } });
    expect((await registry.getRun('runs-cas', 'run-2'))?.timings).toEqual({ trainMs: 5, validateMs: 7 });
  });
});
