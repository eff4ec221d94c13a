import { AppError } from '../../errors';
import type { ModelSummary } from '../../domain/documents';
import { isModelName } from '../../domain/model-name';
import type { Page, PageRequest } from '../../domain/page';
import type { ModelCatalog } from '../../platform/ports/model-catalog';

/**
 * Models known to the registry (a version or a spec), in name order, one page (default 20). The
 * registry aggregates in code (the Cosmos stand-in has no GROUP BY), so the page is cut here and
 * the token is the last name served, base64url-encoded.
 */
export async function listModels(registry: ModelCatalog, page: PageRequest): Promise<Page<ModelSummary>> {
  const size = page.pageSize ?? 20;
  const after = page.continuationToken === undefined ? undefined : decodeToken(page.continuationToken);
  const all = await registry.listModels();
  const rest = after === undefined ? all : all.filter((m) => m.model > after);
  const items = rest.slice(0, size);
  const last = items[items.length - 1];
  return {
    items,
    ...(rest.length > size && last && { continuationToken: Buffer.from(last.model).toString('base64url') }),
  };
}

function decodeToken(token: string): string {
  const name = Buffer.from(token, 'base64url').toString('utf8');
  if (!isModelName(name)) {
    throw new AppError(
      'invalid',
      'bad_continuation_token',
      'Invalid continuationToken: pass back the one a page gave',
      {
        issues: [{ field: 'continuationToken', message: 'not a token this list issued' }],
      },
    );
  }
  return name;
}
