// Small DOM helpers: elements from data, status badges readable without colour.

/** Creates an element: `h('a', {href: '#/'}, 'Models')`; null/false children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// Each status has a symbol and a word, so it reads the same in greyscale or to a screen reader.
const BADGES = {
  production: ['★', 'production'],
  validated: ['✓', 'validated'],
  challenger: ['⚔', 'challenger'],
  candidate: ['…', 'candidate'],
  rejected: ['✗', 'rejected'],
  archived: ['▫', 'archived'],
  succeeded: ['✓', 'succeeded'],
  failed: ['✗', 'failed'],
  running: ['▶', 'running'],
  queued: ['…', 'queued'],
  drift: ['⚠', 'drift'],
  no_drift: ['✓', 'no drift'],
  data_quality: ['⚠', 'data quality'],
  not_enough_data: ['…', 'not enough data'],
  not_monitorable: ['–', 'not monitorable'],
  passed: ['✓', 'passed'],
  breached: ['⚠', 'breached'],
};

/** A badge with a symbol and a word; the class only adds colour. */
export function badge(status) {
  const [symbol, word] = BADGES[status] ?? ['•', String(status)];
  return h(
    'span',
    { class: `badge badge-${status}` },
    h('span', { 'aria-hidden': 'true' }, symbol),
    ` ${word}`,
  );
}

/** A number with at most 4 significant digits (integers as they are). */
export function num(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return Number(value.toPrecision(4)).toString();
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

/** The error box shown instead of a page: what went wrong, in words, and what to do. */
export function errorBox(error, actions = []) {
  const title =
    {
      bad_key: 'Key refused',
      forbidden: 'Admin key needed',
      not_found: 'Not found',
      network: 'API unreachable',
      unavailable: 'Service unavailable',
      server: 'API error',
      conflict: 'Conflict',
      invalid: 'Request refused',
    }[error.kind] ?? 'Something went wrong';
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-kind': error.kind ?? 'internal' },
    h('strong', {}, `⚠ ${title}: `),
    error.message ?? String(error),
    ...issueList(error.details),
    actions.length > 0 ? h('p', {}, ...actions) : null,
  );
}

function issueList(details) {
  const issues = details?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return [];
  return [
    h(
      'ul',
      {},
      issues.map((i) => h('li', {}, `${i.field ?? i.path ?? ''}: ${i.message ?? ''}`)),
    ),
  ];
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', {}, h('h2', {}, title), ...children);
}
