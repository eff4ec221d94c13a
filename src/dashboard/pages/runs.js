// Training runs: progress of running ones, what training left out, the failure reason of failed ones; refreshes while
// any run is still going.
import { api } from '../api.js';
import { badge, errorBox, h, num, section, when } from '../dom.js';
import { leftOutList } from './left-out.js';
import { modelNav } from './model.js';

const REFRESH_MS = 3000;

export async function renderRuns(view, [model], ctx) {
  const path = `models/${encodeURIComponent(model)}/runs?pageSize=50`;
  const { body } = await api(path);
  const table = h('div', {}, runsTable(body.items));
  view.append(h('h1', {}, `${model}: runs`), modelNav(model, 'runs'), section('Runs', table));
  let timer;
  const refresh = async (items) => {
    if (!items.some((r) => r.status === 'running' || r.status === 'queued')) return;
    timer = setTimeout(async () => {
      try {
        const next = (await api(path)).body.items;
        table.replaceChildren(runsTable(next));
        refresh(next);
      } catch (error) {
        table.replaceChildren(errorBox(error), runsTable(items));
      }
    }, REFRESH_MS);
  };
  refresh(body.items);
  ctx.onLeave(() => clearTimeout(timer));
}

function runsTable(runs) {
  if (runs.length === 0) return h('p', {}, 'No runs yet: drop a dataset to start one.');
  const head = [
    'Run',
    'Status',
    'Started by',
    'Stage and progress',
    'Queued',
    'Took',
    'Version',
    'Left out',
    'Failure reason',
  ];
  return h(
    'table',
    { id: 'runs' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      runs.map((r) =>
        h(
          'tr',
          { 'data-run': r.id, 'data-status': r.status },
          h('th', { scope: 'row', class: 'mono small' }, r.id),
          h('td', {}, badge(r.status)),
          h('td', {}, trigger(r.trigger)),
          h('td', {}, progress(r)),
          h('td', {}, when(r.queuedAt)),
          h('td', {}, took(r)),
          h('td', {}, r.version ? `v${r.version}` : '—'),
          h('td', { class: 'left-out-cell' }, leftOutList(r.leftOut) ?? '—'),
          h(
            'td',
            { class: 'reason' },
            r.error ? [h('strong', {}, `${r.error.code}: `), r.error.message] : '—',
          ),
        ),
      ),
    ),
  );
}

function trigger(t) {
  if (!t) return '—';
  return [t.kind, t.blobName ? ` ${t.blobName}` : '', t.reason ? ` (${t.reason})` : ''].join('');
}

function progress(r) {
  const stage = r.stage ?? '—';
  if (r.status !== 'running' || typeof r.progress !== 'number') return stage;
  const pct = Math.round(r.progress * 100);
  return h(
    'span',
    {},
    `${stage} `,
    h('progress', { max: 100, value: pct, 'aria-label': `${stage} progress` }),
    ` ${pct}%`,
  );
}

function took(r) {
  if (!r.startedAt) return '—';
  const end = r.finishedAt ? Date.parse(r.finishedAt) : Date.now();
  const s = (end - Date.parse(r.startedAt)) / 1000;
  return `${num(s)} s${r.finishedAt ? '' : ' so far'}`;
}
