import type { Run } from '../../domain/run';

/** One page of runs as `GET /api/models/{model}/runs` answers it; undefined for an unknown model. */
export type RunsPage = { items: Run[]; continuationToken?: string } | undefined;

/**
 * Reads a model's newest runs from the app, with errors a user can act on in one line:
 * the runtime not answering, the key refused, any other error status with the app's message.
 */
export async function fetchRuns(
  url: string,
  key: string | undefined,
  model: string,
  pageSize = 20,
): Promise<RunsPage> {
  const endpoint = `${url}/api/models/${encodeURIComponent(model)}/runs?pageSize=${pageSize}`;
  let res: Response;
  try {
    res = await fetch(endpoint, { headers: key ? { 'x-functions-key': key } : {} });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(
      `cannot reach the runtime at ${url} (${cause?.code ?? cause?.message ?? String(error)}); is it running (npm start)?`,
      { cause: error },
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw new Error(
      `the runtime at ${url} refused the function key (${res.status}); check --key or LOCAL_FUNCTION_KEY`,
    );
  }
  const body = (await res.json().catch(() => undefined)) as
    { items?: Run[]; continuationToken?: string; error?: { message?: string } } | undefined;
  if (res.status === 404 && body?.error) return undefined;
  if (!res.ok || !Array.isArray(body?.items)) {
    throw new Error(
      `GET ${endpoint} answered ${res.status}: ${body?.error?.message ?? 'not a page of runs'}`,
    );
  }
  return { items: body.items, ...(body.continuationToken && { continuationToken: body.continuationToken }) };
}
