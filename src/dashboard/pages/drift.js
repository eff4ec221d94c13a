// Drift: the latest verdict and why, each input's drift and data quality, its distribution against
// the reference, the drift score per feature and live error over time, and the history.
import { api } from '../api.js';
import { lineChart } from '../charts.js';
import { badge, h, num, section, when } from '../dom.js';
import { columnStatus, distributions } from './drift-distributions.js';
import { modelNav } from './model.js';

export async function renderDrift(view, [model]) {
  const name = encodeURIComponent(model);
  const { body } = await api(`models/${name}/drift?pageSize=200`);
  view.append(h('h1', {}, `${model}: drift`), modelNav(model, 'drift'));
  if (body.items.length === 0) {
    view.append(
      h('p', {}, 'No drift checks yet: the monitor writes one per schedule once predictions are logged.'),
    );
    return;
  }
  const items = [...body.items].reverse(); // oldest first, for time axes
  const latest = body.items[0];
  view.append(latestSummary(latest));
  const charts = h('div', {});
  view.append(charts);
  requestAnimationFrame(() => {
    drawScores(charts, items);
    drawLiveError(charts, items);
  });
  const overlays = latest.version ? await distributions(model, latest, body.items) : null;
  if (overlays) view.append(overlays);
  view.append(historyTable(body.items));
}

function latestSummary(item) {
  const r = item.report;
  return section(
    'Latest check',
    h(
      'p',
      { id: 'latest-drift' },
      badge(item.status),
      ` on version ${item.version}, ${when(item.createdAt)}, ${num(item.rows)} rows`,
      r?.verdictReason ? ` – ${r.verdictReason}` : '',
      item.reason ? ` – ${item.reason}` : '',
    ),
    r ? featureTable(r) : null,
  );
}

const pct = (x) => (typeof x === 'number' ? `${num(Math.round(x * 1000) / 10)}%` : '—');

function featureTable(report) {
  const rows = Object.entries(report.features ?? {});
  if (report.prediction) rows.push(['(prediction)', report.prediction]);
  const headings = [
    'Column',
    'Drift',
    'Metric',
    'Score',
    'Threshold',
    'PSI',
    'p-value',
    'Missing or unreadable',
  ];
  return h(
    'table',
    { id: 'drift-features' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([column, d]) => {
        const q = report.quality?.[column];
        return h(
          'tr',
          { 'data-column': column },
          h('th', { scope: 'row' }, column),
          h('td', {}, badge(columnStatus(d)), d.reason ? h('div', { class: 'muted' }, d.reason) : null),
          h('td', {}, d.metric),
          h('td', {}, num(d.score)),
          h('td', {}, num(d.threshold)),
          h('td', {}, num(d.psi)),
          h(
            'td',
            {},
            d.pValue === null || d.pValue === undefined ? '—' : `${num(d.pValue)} (${d.pValueTest})`,
          ),
          h(
            'td',
            {},
            q
              ? [
                  `${pct(q.missingRate + q.unreadableRate)} (training ${pct(q.trainingMissingRate)}) `,
                  q.breached ? badge('data_quality') : null,
                ]
              : '—',
          ),
        );
      }),
    ),
  );
}

function drawScores(container, items) {
  const times = items.map((i) => Date.parse(i.createdAt) / 1000);
  const columns = [...new Set(items.flatMap((i) => Object.keys(i.report?.features ?? {})))];
  const series = columns.map((c) => ({
    label: c,
    values: items.map((i) => i.report?.features?.[c]?.score ?? null),
  }));
  if (items.some((i) => i.report?.prediction))
    series.push({ label: 'prediction', values: items.map((i) => i.report?.prediction?.score ?? null) });
  const thresholds = [
    ...new Set(items.flatMap((i) => Object.values(i.report?.features ?? {}).map((d) => d.threshold))),
  ];
  // A feature with no score in a check (too few readable values) is a gap in its line, not zero.
  for (const t of thresholds)
    series.push({ label: `threshold ${num(t)}`, values: times.map(() => t), threshold: true });
  if (columns.length === 0) {
    container.append(h('p', { class: 'muted' }, 'No drift scores yet (no check had enough data).'));
    return;
  }
  lineChart(container, {
    title: 'Drift score per feature over time',
    x: times,
    series,
    time: true,
    yLabel: 'score',
  });
}

function drawLiveError(container, items) {
  const withError = items.filter((i) => i.liveError);
  if (withError.length === 0) {
    container.append(
      h('p', { class: 'muted', id: 'live-error-none' }, 'No live error yet: post feedback to measure it.'),
    );
    return;
  }
  const metric = withError[withError.length - 1].liveError.metric;
  lineChart(container, {
    title: `Live ${metric} over time`,
    x: withError.map((i) => Date.parse(i.createdAt) / 1000),
    series: [
      { label: `live ${metric}`, values: withError.map((i) => i.liveError.value) },
      {
        label: 'training baseline',
        values: withError.map((i) => i.liveError.baseline ?? null),
        threshold: true,
      },
      {
        label: 'limit',
        values: withError.map((i) => i.liveError.limit ?? null),
        threshold: true,
        dash: [10, 4],
      },
    ],
    time: true,
    yLabel: metric,
  });
}

function historyTable(items) {
  return section(
    'History',
    h(
      'table',
      { id: 'drift-history' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Checked', 'Version', 'Verdict', 'Rows', 'Live error', 'Retrain'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((i) =>
          h(
            'tr',
            {},
            h('td', {}, when(i.createdAt)),
            h('td', {}, `v${i.version}`),
            h('td', {}, badge(i.status)),
            h('td', {}, num(i.rows)),
            h(
              'td',
              {},
              i.liveError
                ? [
                    `${i.liveError.metric} ${num(i.liveError.value ?? undefined)} `,
                    badge(i.liveError.breached ? 'breached' : 'passed'),
                  ]
                : '—',
            ),
            h('td', {}, i.retrain ? `${i.retrain.sent ? 'asked' : 'suppressed'}: ${i.retrain.reason}` : '—'),
          ),
        ),
      ),
    ),
  );
}
