// The monitor timer's fan-out on the emulators: one message per model with a production version.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { monitorDrift } from '../../../src/monitoring/drift/monitor-drift';
import type { MessageQueue } from '../../../src/platform/ports/message-queue';
import { freshRegistry, newVersion } from '../../platform/registry/fixtures';
import { queue } from './drift-fixtures';

describe('monitorDrift', () => {
  it('queues one check per production model; one failed send does not stop the others', async () => {
    const registry = freshRegistry();
    for (const model of ['alpha', 'beta', 'gamma', 'delta']) {
      await registry.createVersion(newVersion(model, 'run-1'));
      await registry.createVersion(newVersion(model, 'run-2'));
      if (model !== 'gamma') await registry.setAlias(model, 'production', 2, null);
    }
    const driftQueue = `drift${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const sends: { model: unknown; messageId?: string }[] = [];
    const failing: Pick<MessageQueue, 'send'> = {
      send: async (q, message, options) => {
        sends.push({
          model: message.model,
          ...(options?.messageId !== undefined && { messageId: options.messageId }),
        });
        if (message.model === 'beta')
          throw new AppError('unavailable', 'queue_down', 'queue service not answering');
        await queue.send(q, message, options);
      },
    };
    const tick = new Date('2026-11-27T10:15:00.000Z');

    const result = await monitorDrift({ registry, queue: failing, driftQueue }, tick);
    expect(result).toEqual({
      sent: ['alpha', 'delta'],
      failed: [{ model: 'beta', error: 'queue service not answering' }],
    });
    expect(sends.map((s) => s.messageId)).toEqual([
      'drift:alpha:2026-11-27T10:15:00.000Z',
      'drift:beta:2026-11-27T10:15:00.000Z',
      'drift:delta:2026-11-27T10:15:00.000Z',
    ]);
    const messages = await queue.receive(driftQueue, { max: 32 });
    expect(messages.map((m) => m.body)).toEqual([
      { schema: 1, kind: 'drift', model: 'alpha', version: 2, requestedAt: tick.toISOString() },
      { schema: 1, kind: 'drift', model: 'delta', version: 2, requestedAt: tick.toISOString() },
    ]);
  });
});
