/** Query parameters that carry keys or tokens: `code` (function keys) and anything key-like. */
const SECRET_PARAM =
  /^(code|sig|token|access_token|id_token|password|secret|auth)$|key|secret|token|signature/i;

/**
 * A request URL fit for a log line: the value of every key-like query parameter (`code=` and
 * the like) replaced by `REDACTED`. Text that is not a URL is reduced to its path.
 */
export function loggableUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.split('?')[0]!;
  }
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, 'REDACTED');
  }
  return parsed.toString();
}
