import { AppError } from '../../errors';
import { isModelName, MODEL_NAME_RULE } from '../../domain/model-name';
import type { PageRequest } from '../../domain/page';

/** Largest page a list endpoint serves; larger requests are refused rather than truncated. */
export const MAX_PAGE_SIZE = 100;
/** Page size when the request names none. */
export const DEFAULT_PAGE_SIZE = 20;

/** A route or query value that is wrong: AppError 'invalid' naming the field. */
function invalid(field: string, code: string, message: string): AppError {
  return new AppError('invalid', code, message, { issues: [{ field, message }] });
}

/** The `{model}` route value, checked against the registry's naming rule. */
export function parseModelName(value: string | undefined): string {
  if (value === undefined || !isModelName(value)) {
    throw invalid('model', 'bad_model_name', `Invalid model name "${value ?? ''}": ${MODEL_NAME_RULE}`);
  }
  return value;
}

/** The `{version}` route value: a positive integer. */
export function parseVersionNumber(value: string | undefined): number {
  const text = value ?? '';
  const n = /^[0-9]{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 1) {
    throw invalid('version', 'bad_version', `Invalid version "${text}": a version is a positive integer`);
  }
  return n;
}

/**
 * `?pageSize=&continuationToken=` of a list endpoint; pageSize defaults to 20 and may be 1..100
 * unless the route states other limits. The token is opaque: it is passed back to the registry
 * as received.
 */
export function parsePageQuery(
  query: URLSearchParams,
  limits: { readonly defaultSize: number; readonly maxSize: number } = {
    defaultSize: DEFAULT_PAGE_SIZE,
    maxSize: MAX_PAGE_SIZE,
  },
): Required<Pick<PageRequest, 'pageSize'>> & PageRequest {
  const size = query.get('pageSize');
  let pageSize = limits.defaultSize;
  if (size !== null) {
    pageSize = /^[0-9]{1,4}$/.test(size) ? Number(size) : NaN;
    if (!(pageSize >= 1 && pageSize <= limits.maxSize)) {
      throw invalid(
        'pageSize',
        'bad_page_size',
        `Invalid pageSize "${size}": an integer from 1 to ${limits.maxSize}`,
      );
    }
  }
  const token = query.get('continuationToken');
  return { pageSize, ...(token !== null && token !== '' && { continuationToken: token }) };
}
