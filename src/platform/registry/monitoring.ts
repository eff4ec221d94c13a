import type { Container } from '@azure/cosmos';
import type { MonitoringDocument } from '../../domain/documents';
import type { Page, PageRequest } from '../../domain/page';
import type { Stored } from '../ports/stored';
import { mapErrors } from '../azure-errors';
import { checkModelName, fromDocument, toDocument } from './documents';
import { queryPage } from './paging';
import { readItem } from './read-item';
import { SERVICE } from './registry-containers';

/**
 * Stores a monitoring record. Without ifMatch it replaces one with the same id; with an ETag,
 * only the state the caller read; with null, only if no record has that id yet (create-only).
 * A lost race is a 'conflict' AppError. Returns the record with its new ETag.
 */
export async function putMonitoring<B>(
  monitoring: Container,
  doc: MonitoringDocument<B>,
  options: { ifMatch?: string | null } = {},
): Promise<Stored<MonitoringDocument<B>>> {
  checkModelName(doc.model);
  const item = toDocument(doc.id, 'monitoring', doc);
  const { ifMatch } = options;
  const res = await mapErrors(
    { service: SERVICE, what: `monitoring record ${doc.id} of model ${doc.model}` },
    () =>
      ifMatch === undefined
        ? monitoring.items.upsert(item)
        : ifMatch === null
          ? monitoring.items.create(item)
          : monitoring
              .item(doc.id, doc.model)
              .replace(item, { accessCondition: { type: 'IfMatch', condition: ifMatch } }),
  );
  return { ...doc, etag: res.etag };
}

/** One record by id, with its ETag; undefined when there is none. */
export async function getMonitoring(
  monitoring: Container,
  model: string,
  id: string,
): Promise<Stored<MonitoringDocument> | undefined> {
  checkModelName(model);
  const doc = await readItem(monitoring, id, model);
  return doc && fromDocument<Stored<MonitoringDocument>>(doc, { keepId: true });
}

/** Of one kind, newest first, one page. */
export function listMonitoring(
  monitoring: Container,
  model: string,
  kind: string,
  page: PageRequest,
): Promise<Page<Stored<MonitoringDocument>>> {
  return queryPage(
    monitoring,
    model,
    {
      query:
        "SELECT * FROM c WHERE c.model = @model AND c.type = 'monitoring' AND c.kind = @kind ORDER BY c.createdAt DESC",
      parameters: [{ name: '@kind', value: kind }],
    },
    page,
    (d) => fromDocument<Stored<MonitoringDocument>>(d, { keepId: true, keepEtag: false }),
  );
}
