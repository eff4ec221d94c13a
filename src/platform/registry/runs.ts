import type { Container } from '@azure/cosmos';
import type { Page, PageRequest } from '../../domain/page';
import type { Run } from '../../domain/run';
import type { Stored } from '../ports/stored';
import { mapErrors } from '../azure-errors';
import { checkModelName, fromDocument, toDocument } from './documents';
import { queryPage } from './paging';
import { readItem } from './read-item';
import { SERVICE } from './registry-containers';

/**
 * Creates or replaces a run; with ifMatch, only the version of it the caller read; with
 * ifNoneMatch '*', only when there is none yet (a conflict otherwise).
 */
export async function putRun(
  runs: Container,
  run: Run,
  options: { ifMatch?: string; ifNoneMatch?: '*' },
): Promise<Stored<Run>> {
  checkModelName(run.model);
  const doc = toDocument(run.id, 'run', run);
  const res = await mapErrors({ service: SERVICE, what: `run ${run.id} of model ${run.model}` }, () =>
    options.ifNoneMatch === '*'
      ? runs.items.create(doc)
      : options.ifMatch === undefined
        ? runs.items.upsert(doc)
        : runs
            .item(run.id, run.model)
            .replace(doc, { accessCondition: { type: 'IfMatch', condition: options.ifMatch } }),
  );
  return { ...run, etag: res.etag };
}

export async function getRun(runs: Container, model: string, id: string): Promise<Stored<Run> | undefined> {
  const doc = await readItem(runs, id, model);
  return doc && fromDocument<Stored<Run>>(doc, { keepId: true });
}

/** Newest first by queue time, one page. */
export function listRuns(runs: Container, model: string, page: PageRequest): Promise<Page<Stored<Run>>> {
  return queryPage(
    runs,
    model,
    { query: "SELECT * FROM c WHERE c.model = @model AND c.type = 'run' ORDER BY c.queuedAt DESC" },
    page,
    (doc) => fromDocument<Stored<Run>>(doc, { keepId: true }),
  );
}
