import { resolveSettingReferences, type AppSettings } from '../app-settings';
import type { RpcInvocationResponse, RpcTypedData } from '../functions-core-types';
import type { HostConfig } from '../host-config';
import type { RuntimeLogger } from '../invocation-log';
import { encodeQueueMessage } from './queue-message-codec';
import type { RegisteredFunction } from '../registrations';
import { storageConnectionString, type StorageClients } from './storage-connection';
import { isEmptyTypedData } from '../typed-data';

/**
 * Applies a successful invocation's output bindings that the local runtime supports: storage
 * queue outputs (one message per value, one per item of an array). Others are reported once.
 */
export class OutputBindings {
  readonly #warned = new Set<string>();

  constructor(
    private readonly clients: StorageClients,
    private readonly settings: AppSettings,
    private readonly host: HostConfig,
    private readonly logger: RuntimeLogger,
  ) {}

  /** Applies the outputs; a failure is logged and counts as a failed invocation (false), as in the host. */
  async tryApply(fn: RegisteredFunction, response: RpcInvocationResponse): Promise<boolean> {
    try {
      await this.apply(fn, response);
      return true;
    } catch (err) {
      this.logger.error(`[${fn.metadata.name}] writing an output binding failed: ${(err as Error).message}`);
      return false;
    }
  }

  async apply(fn: RegisteredFunction, response: RpcInvocationResponse): Promise<void> {
    for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
      if (binding.direction !== 'out' || binding.type === 'http') continue;
      const data =
        name === '$return' ? response.returnValue : response.outputData?.find((o) => o.name === name)?.data;
      if (isEmptyTypedData(data)) continue;
      if (binding.type === 'queue') {
        const where = `Function "${fn.metadata.name}" output "${name}"`;
        const queueName = resolveSettingReferences(
          String(binding.queueName ?? ''),
          this.settings,
          `${where} queueName`,
        );
        const queue = this.clients
          .queue(storageConnectionString(binding.connection, this.settings, where))
          .getQueueClient(queueName);
        await queue.createIfNotExists();
        for (const text of messagesOf(data!)) {
          await queue.sendMessage(encodeQueueMessage(text, this.host.queues.messageEncoding));
        }
      } else if (!this.#warned.has(`${fn.metadata.name}/${name}`)) {
        this.#warned.add(`${fn.metadata.name}/${name}`);
        this.logger.warn(
          `[${fn.metadata.name}] output binding "${name}" of type ${binding.type} is ignored by the local runtime.`,
        );
      }
    }
  }
}

/** Message texts of an output value: a JSON array is one message per item, as in the host. */
function messagesOf(data: RpcTypedData): string[] {
  if (typeof data.json === 'string') {
    const value: unknown = JSON.parse(data.json);
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  if (typeof data.string === 'string') return [data.string];
  if (data.bytes) return [Buffer.from(data.bytes).toString('utf8')];
  return [String(data.int ?? data.double)];
}
