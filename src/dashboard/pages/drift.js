// Drift: per-feature drift score over time against its threshold, the prediction's training
// distribution with its latest drift, and live error over time.
import { api } from '../api.js';
import { barChart, lineChart } from '../charts.js';
import { badge, h, num, section, when } from '../dom.js';
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
  const version = latest.version;
  if (version) view.append(await predictionProfile(name, version, latest));
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
      r?.driftedTopFeatures?.length ? `; drifted: ${r.driftedTopFeatures.join(', ')}` : '',
      item.reason ? ` – ${item.reason}` : '',
    ),
    r ? featureTable(r) : null,
  );
}

function featureTable(report) {
  const rows = Object.entries(report.features ?? {});
  if (report.prediction) rows.push(['(prediction)', report.prediction]);
  return h(
    'table',
    { id: 'drift-features' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Column', 'Verdict', 'Metric', 'Score', 'Threshold', 'PSI', 'p-value'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([column, d]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, column),
          h('td', {}, badge(d.drifted ? 'drift' : 'no_drift')),
          h('td', {}, d.metric),
          h('td', {}, num(d.score)),
          h('td', {}, num(d.threshold)),
          h('td', {}, num(d.psi)),
          h('td', {}, `${num(d.pValue)} (${d.pValueTest})`),
        ),
      ),
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

/** The training distribution of the version's predictions, with the latest prediction drift in words. */
async function predictionProfile(name, version, latest) {
  let profile;
  try {
    profile = (await api(`models/${name}/versions/${version}`)).body.trainingProfile?.prediction;
  } catch (error) {
    return h('p', { class: 'muted' }, `Training profile unavailable: ${error.message}`);
  }
  if (!profile) return h('p', { class: 'muted' }, `Version ${version} has no prediction profile.`);
  const box = section('Predictions against the training profile');
  const d = latest.report?.prediction;
  box.append(
    h(
      'p',
      {},
      d
        ? [
            badge(d.drifted ? 'drift' : 'no_drift'),
            ` latest ${d.metric} ${num(d.score)} (threshold ${num(d.threshold)}), PSI ${num(d.psi)}`,
          ]
        : 'The latest check scored no predictions.',
    ),
  );
  const [labels, values, what] = profile.type === 'numeric' ? density(profile) : categoryShares(profile);
  requestAnimationFrame(() =>
    barChart(box, {
      title: `Training predictions of version ${version} (${what})`,
      labels,
      values,
      xLabel: 'bin',
      yLabel: what,
    }),
  );
  return box;
}

/**
 * The profile's histogram as a density: its bins are quantile-edged (each holds about the same
 * share), so the shape shows in share per unit of width, not in the shares themselves.
 */
function density(profile) {
  const edges = [profile.min, ...profile.cuts, profile.max];
  const labels = [];
  const values = [];
  profile.counts.forEach((count, i) => {
    const width = edges[i + 1] - edges[i];
    if (!(width > 0)) return;
    labels.push(`${num(edges[i])}–${num(edges[i + 1])}`);
    values.push(count / profile.count / width);
  });
  return [labels, values, 'density'];
}

function categoryShares(profile) {
  return [
    profile.categories.map((c) => c.value),
    profile.categories.map((c) => c.count / profile.count),
    'share',
  ];
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
                    `${i.liveError.metric} ${num(i.liveError.value)} `,
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
