import type { Container } from '@azure/cosmos';
import type { MonitoringDocument } from '../../domain/documents';
import type { Page, PageRequest } from '../../domain/page';
import { mapErrors } from '../azure-errors';
import { checkModelName, fromDocument, toDocument } from './documents';
import { queryPage } from './paging';
import { SERVICE } from './registry-containers';

/** Stores a monitoring record, replacing one with the same id. */
export async function putMonitoring(monitoring: Container, doc: MonitoringDocument): Promise<void> {
  checkModelName(doc.model);
  await mapErrors({ service: SERVICE, what: `monitoring record ${doc.id} of model ${doc.model}` }, () =>
    monitoring.items.upsert(toDocument(doc.id, 'monitoring', doc)),
  );
}

/** Of one kind, newest first, one page. */
export function listMonitoring(
  monitoring: Container,
  model: string,
  kind: string,
  page: PageRequest,
): Promise<Page<MonitoringDocument>> {
  return queryPage(
    monitoring,
    model,
    {
      query:
        "SELECT * FROM c WHERE c.model = @model AND c.type = 'monitoring' AND c.kind = @kind ORDER BY c.createdAt DESC",
      parameters: [{ name: '@kind', value: kind }],
    },
    page,
    (d) => fromDocument<MonitoringDocument>(d, { keepId: true, keepEtag: false }),
  );
}
