import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { freshRegistry, newVersion } from './fixtures';

describe('CosmosRegistry.updateVersion', () => {
  it('merges a patch into the version the registry reads back, keeping the other fields', async () => {
    const registry = freshRegistry();
    const v = await registry.createVersion(newVersion('taxi', 'run-1'));
    const gates = [{ passed: false, reason: 'r2 -0.1 is below the threshold 0' }];
    const updated = await registry.updateVersion('taxi', v.version, {
      status: 'rejected',
      statusReason: 'r2 -0.1 is below the threshold 0',
      metrics: { rmse: 9, r2: -0.1 },
      gates,
    });
    const read = (await registry.getVersion('taxi', v.version))!;
    expect(read).toMatchObject({ status: 'rejected', metrics: { rmse: 9, r2: -0.1 }, gates, runId: 'run-1' });
    expect(read.lineage).toEqual(v.lineage);
    expect(read.etag).toBe(updated.etag);
  });

  it('refuses a stale ifMatch with a conflict, and a missing version with not_found', async () => {
    const registry = freshRegistry();
    const v = await registry.createVersion(newVersion('taxi', 'run-1'));
    await registry.updateVersion('taxi', v.version, { statusReason: 'first' });
    await expect(
      registry.updateVersion('taxi', v.version, { statusReason: 'second' }, { ifMatch: v.etag! }),
    ).rejects.toMatchObject({
      category: 'conflict',
    });
    const missing = await registry.updateVersion('taxi', 99, { statusReason: 'x' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ category: 'not_found', message: 'Model taxi has no version 99' });
  });
});
