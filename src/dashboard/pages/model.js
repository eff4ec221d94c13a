// A model: versions (status, metrics, gates, lineage and rows left out, promote/roll back), metric trend, slices,
// and the inputs that matter most to the production version.
import { api } from '../api.js';
import { barChart, lineChart } from '../charts.js';
import { badge, h, num, section, when } from '../dom.js';
import { leftOutList } from './left-out.js';
import { confirmPromotion } from './promote-dialog.js';
import { challengerLine, liveComparison } from './live-comparison.js';

export async function renderModel(view, [model], ctx) {
  const name = encodeURIComponent(model);
  const [{ body: summary }, { body: page }] = await Promise.all([
    api(`models/${name}`),
    api(`models/${name}/versions?pageSize=100`),
  ]);
  const versions = page.items;
  const production = summary.production?.version;
  view.append(
    h('h1', {}, model),
    modelNav(model, 'versions'),
    h(
      'p',
      { id: 'production' },
      production
        ? [`Production: version ${production}`, ` (since ${when(summary.production.updatedAt)})`]
        : 'No version in production yet.',
      summary.production?.reason ? ` – ${summary.production.reason}` : '',
    ),
    summary.challenger ? challengerLine(summary.challenger) : null,
    h('div', { id: 'notice', role: 'status' }),
  );
  const onPromote = async (v, action) => {
    const result = await confirmPromotion({
      model,
      version: v.version,
      action,
      current: production,
      aliasEtag: summary.production?.etag,
    });
    if (!result) return;
    await ctx.rerender();
    document.getElementById('notice')?.replaceChildren(`Production now points at version ${result.version}.`);
  };
  view.append(section('Versions', versionsTable(versions, onPromote)));
  const trialVersion =
    versions.find((v) => v.version === summary.challenger?.version) ??
    versions.find((v) => (v.trial?.comparisons ?? []).length > 0);
  if (trialVersion?.trial) view.append(liveComparison(trialVersion));
  if (versions.length > 0) view.append(trendAndSlices(versions, production));
  const focus = versions.find((v) => v.version === production) ?? versions[0];
  if (focus) view.append(importanceChart(focus));
}

/** The version's inputs by importance (split gain or |coefficient|); the drift check's top 3 come first. */
function importanceChart(version) {
  const ranked = version.featureImportance ?? [];
  if (ranked.length === 0) return h('div', {});
  const charts = h('div', {});
  const box = section(
    'Feature importance',
    h(
      'p',
      { class: 'muted' },
      'Share of the model the input carries; drift in one of the top 3 counts as dataset drift.',
    ),
    charts,
  );
  requestAnimationFrame(() =>
    barChart(charts, {
      title: `Feature importance, version ${version.version}`,
      labels: ranked.map((f) => f.feature),
      values: ranked.map((f) => f.importance),
      xLabel: 'input',
      yLabel: 'share',
    }),
  );
  return box;
}

/** Links between a model's pages; the current one is marked for screen readers too. */
export function modelNav(model, current) {
  const name = encodeURIComponent(model);
  const links = [
    ['versions', `#/models/${name}`, 'Versions'],
    ['runs', `#/models/${name}/runs`, 'Runs'],
    ['drift', `#/models/${name}/drift`, 'Drift'],
    ['try', `#/models/${name}/try`, 'Try it'],
  ];
  return h(
    'nav',
    { class: 'tabs', 'aria-label': `${model} pages` },
    links.map(([id, href, label]) =>
      h('a', { href, 'aria-current': id === current ? 'page' : undefined }, label),
    ),
  );
}

function versionsTable(versions, onPromote) {
  if (versions.length === 0) return h('p', {}, 'No versions yet: a training run registers the first one.');
  const head = ['Version', 'Status', 'Metrics', 'Gates', 'Dataset', 'Created', 'Action'];
  return h(
    'table',
    { id: 'versions' },
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
      versions.map((v) =>
        h(
          'tr',
          { 'data-version': v.version },
          h('th', { scope: 'row' }, `v${v.version}`),
          h(
            'td',
            {},
            badge(v.status),
            v.statusReason ? h('div', { class: 'muted small' }, v.statusReason) : null,
          ),
          h(
            'td',
            { class: 'metrics' },
            Object.entries(v.metrics ?? {}).map(([k, value]) => h('div', {}, `${k} ${num(value)}`)),
          ),
          h('td', {}, gatesCell(v.gates ?? [])),
          h('td', {}, lineageCell(v)),
          h('td', {}, when(v.createdAt)),
          h('td', {}, actionCell(v, onPromote)),
        ),
      ),
    ),
  );
}

function gatesCell(gates) {
  if (gates.length === 0) return h('span', { class: 'muted' }, 'not judged yet');
  const failed = gates.filter((g) => !g.passed).length;
  return h(
    'details',
    {},
    h('summary', {}, failed === 0 ? `✓ all ${gates.length} passed` : `✗ ${failed} of ${gates.length} failed`),
    h(
      'ul',
      {},
      gates.map((g) => h('li', {}, g.passed ? '✓ passed: ' : '✗ failed: ', g.reason)),
    ),
  );
}

function lineageCell(v) {
  const l = v.lineage;
  if (!l) return h('span', { class: 'muted' }, v.source === 'uploaded' ? 'uploaded model' : '—');
  return h(
    'span',
    { title: `ETag ${l.etag}, sha256 ${l.sha256}` },
    l.blobName,
    h(
      'div',
      { class: 'muted small' },
      `${num(l.rows)} rows × ${l.columns} columns, sha256 ${l.sha256.slice(0, 10)}…`,
    ),
    leftOutList(l.leftOut),
  );
}

function actionCell(v, onPromote) {
  if (v.status === 'production') return h('span', { class: 'muted' }, 'in production');
  const action =
    v.status === 'validated' || v.status === 'challenger'
      ? 'promote'
      : v.status === 'archived'
        ? 'roll back'
        : undefined;
  if (!action) return h('span', { class: 'muted' }, '—');
  return h(
    'button',
    { type: 'button', 'data-action': action, onclick: () => onPromote(v, action) },
    action === 'promote' ? `Promote v${v.version}` : `Roll back to v${v.version}`,
  );
}

/** The metric shown first: the usual headline metric of each task. */
const PREFERRED_METRICS = ['rmse', 'accuracy', 'f1', 'roc_auc', 'mae'];

function trendAndSlices(versions, production) {
  const box = h('div', {});
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const metricNames = [...new Set(ordered.flatMap((v) => Object.keys(v.metrics ?? {})))];
  if (metricNames.length === 0) return box;
  const focus = versions.find((v) => v.version === production) ?? versions[0];
  const preferred = PREFERRED_METRICS.find((m) => metricNames.includes(m)) ?? metricNames[0];
  const select = h(
    'select',
    { id: 'metric' },
    metricNames.map((m) => h('option', { value: m, selected: m === preferred }, m)),
  );
  const charts = h('div', {});
  const draw = () => {
    const metric = select.value;
    charts.replaceChildren();
    lineChart(charts, {
      title: `${metric} across versions`,
      x: ordered.map((v) => v.version),
      series: [{ label: metric, values: ordered.map((v) => v.metrics?.[metric] ?? null) }],
      yLabel: metric,
    });
    const slices = (focus.sliceMetrics ?? []).filter((s) => typeof s.metrics?.[metric] === 'number');
    if (slices.length === 0) {
      charts.append(
        h('p', { class: 'muted' }, `No slice metrics for ${metric} on version ${focus.version}.`),
      );
      return;
    }
    barChart(charts, {
      title: `${metric} by slice, version ${focus.version}`,
      labels: slices.map((s) => `${s.column}=${s.value}`),
      values: slices.map((s) => s.metrics[metric]),
      yLabel: metric,
    });
  };
  select.addEventListener('change', draw);
  box.append(section('Metrics', h('label', {}, 'Metric ', select), charts));
  // Charts measure their container, so draw once it is in the page.
  requestAnimationFrame(draw);
  return box;
}
