import { z } from 'zod';
import { optional, setting } from '../setting';
import { queueName } from '../value-schemas';

// The pipeline messages and triggers: queues, transport, Service Bus, identity.

export const TRANSPORT_SETTINGS = [
  setting({
    name: 'PIPELINE_TRANSPORT',
    description: 'Carrier of the pipeline messages: Storage queues or Service Bus queues.',
    default: 'storage',
    sample: 'storage',
    expected: '"storage" or "servicebus"',
    schema: z.enum(['storage', 'servicebus']),
  }),
  setting({
    name: 'BLOB_TRIGGER_SOURCE',
    description: 'How blob triggers learn of new blobs: scans, or Event Grid in Azure. Locally always scans.',
    default: 'LogsAndContainerScan',
    sample: 'LogsAndContainerScan',
    expected: '"LogsAndContainerScan" or "EventGrid"',
    schema: z.enum(['LogsAndContainerScan', 'EventGrid']),
  }),
  setting({
    name: 'SERVICEBUS_CONNECTION',
    description: 'Service Bus namespace when PIPELINE_TRANSPORT=servicebus (connection string).',
    sample: '',
    expected:
      'a Service Bus connection string "Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=..."',
    secret: true,
    schema: optional(z.string().regex(/Endpoint=sb:\/\//)),
  }),
  setting({
    name: 'SERVICEBUS_CONNECTION__fullyQualifiedNamespace',
    description: 'Identity-based Service Bus instead of a connection string: the namespace host.',
    sample: '',
    expected: 'a host name such as <namespace>.servicebus.windows.net',
    schema: optional(z.string().regex(/^[A-Za-z0-9.-]+$/)),
  }),
  setting({
    name: 'AZURE_CLIENT_ID',
    description:
      'Identity-based connections: client id of the user-assigned managed identity DefaultAzureCredential uses (unset: the system-assigned one, or your az login locally).',
    sample: '',
    expected: 'a client id (GUID)',
    schema: optional(z.uuid()),
  }),
] as const;

export const QUEUE_SETTINGS = queueSettings();

function queueSettings() {
  const q = <N extends string>(name: N, value: string, what: string) =>
    setting({
      name,
      description: `Queue of ${what}; failures land in ${value}-poison (Storage) or its dead-letter queue (Service Bus).`,
      default: value,
      sample: value,
      expected: 'a queue name (3-63 lowercase letters, digits and single hyphens)',
      schema: queueName,
    });
  return [
    q('VALIDATE_QUEUE', 'validate-requests', 'trained candidates to validate'),
    q('REGISTER_QUEUE', 'register-requests', 'validated candidates to register'),
    q('DRIFT_QUEUE', 'drift-requests', 'drift checks, one per model'),
    q('RETRAIN_QUEUE', 'retrain-requests', 'retraining requests'),
  ] as const;
}
