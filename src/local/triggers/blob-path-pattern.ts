/**
 * A blob trigger path such as `datasets/{model}/{name}` or `incoming/{name}.onnx`: the container,
 * the listing prefix, and a matcher that returns the binding data (`{model, name}`) of a blob.
 * As in the host, only the last parameter may span `/`.
 */
export interface BlobPathPattern {
  container: string;
  /** Literal start of the blob name, used as the list prefix. */
  prefix: string;
  match(blobName: string): Record<string, string> | undefined;
}

/** Compiles `path` (already free of %setting% references). */
export function compileBlobPath(path: string): BlobPathPattern {
  const slash = path.indexOf('/');
  const container = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  if (container === '' || container.includes('{')) {
    throw new Error(`Blob trigger path "${path}" must start with a literal container name.`);
  }
  const tokens = rest.split(/(\{[^}]+\})/).filter((t) => t !== '');
  const names: string[] = [];
  const lastParam = tokens.reduce((last, t, i) => (t.startsWith('{') ? i : last), -1);
  const source = tokens
    .map((token, i) => {
      if (!token.startsWith('{')) return escapeRegExp(token);
      names.push(token.slice(1, -1));
      return i === lastParam ? '(.+)' : '([^/]+)';
    })
    .join('');
  const regex = new RegExp(`^${source}$`);
  const firstParam = rest.indexOf('{');
  return {
    container,
    prefix: firstParam < 0 ? rest : rest.slice(0, firstParam),
    match(blobName) {
      const m = regex.exec(blobName);
      if (!m) return undefined;
      return Object.fromEntries(names.map((name, i) => [name, m[i + 1]!]));
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
