// Drift page: each input's and the predictions' distribution in the latest window overlaid on its
// reference (the training profile, or the earlier window a "recent" reference names), as shares
// of the same bins, with bin labels a person can read.
import { api } from '../api.js';
import { pairedBarChart } from '../charts.js';
import { badge, h, num, section } from '../dom.js';

/** The section of overlaid distributions for the latest check, or a line saying why there is none. */
export async function distributions(model, latest, items) {
  const report = latest.report;
  if (!report) return null;
  const reference = await referenceColumns(model, latest, items);
  const box = section('This window against its reference');
  box.append(h('p', { class: 'muted', id: 'drift-reference' }, reference.words));
  if (reference.columns === undefined) return box;
  const columns = Object.entries(report.features ?? {});
  if (report.prediction) columns.push(['(prediction)', report.prediction]);
  const grid = h('div', { class: 'overlays' });
  box.append(grid);
  requestAnimationFrame(() => {
    for (const [name, drift] of columns) {
      const ref = name === '(prediction)' ? reference.prediction : reference.columns[name];
      if (!ref || !drift.current) continue;
      const { labels, current, base } = sharesOnBins(ref, drift.current);
      const figure = h('div', { class: 'overlay', 'data-column': name });
      grid.append(figure);
      figure.append(
        h(
          'p',
          {},
          h('strong', {}, name),
          ' ',
          badge(columnStatus(drift)),
          drift.reason ? ` ${drift.reason}` : '',
        ),
      );
      pairedBarChart(figure, {
        title: `${name}: share of values per bin`,
        labels,
        series: [
          { label: reference.label, values: base },
          { label: 'this window', values: current },
        ],
        yLabel: 'share',
      });
    }
  });
  return box;
}

/** A column's own verdict: drift, no drift, or not enough data when it has no score. */
export function columnStatus(drift) {
  if (drift.score === null || drift.score === undefined) return 'not_enough_data';
  return drift.drifted ? 'drift' : 'no_drift';
}

async function referenceColumns(model, latest, items) {
  const ref = latest.report.reference ?? { kind: 'training' };
  if (ref.kind === 'recent') {
    const earlier = items.find((i) => i.id === ref.reportId);
    if (!earlier?.report) return { words: `The reference check ${ref.reportId} is no longer listed.` };
    const columns = Object.fromEntries(
      Object.entries(earlier.report.features).map(([n, f]) => [n, f.current]),
    );
    return {
      words: `Reference: the window of the check at ${earlier.window?.to ?? ref.reportId} (monitoring.reference "recent").`,
      label: 'reference window',
      columns,
      prediction: earlier.report.prediction?.current,
    };
  }
  let profile;
  try {
    profile = (await api(`models/${encodeURIComponent(model)}/versions/${latest.version}`)).body
      .trainingProfile;
  } catch (error) {
    return { words: `Training profile unavailable: ${error.message}` };
  }
  if (!profile?.columns) return { words: `Version ${latest.version} has no training profile.` };
  const note = ref.note ? ` (${ref.note})` : '';
  return {
    words: `Reference: the training profile of version ${latest.version}${note}.`,
    label: 'training',
    columns: profile.columns,
    prediction: profile.prediction,
  };
}

/**
 * Both distributions as shares of the reference's bins: numeric bins named by their edges
 * ("≤ 8.7", "8.7 to 10.9", "> 21.6"), categories by their values, plus "other" when either side has any.
 */
export function sharesOnBins(reference, current) {
  if (reference.type === 'numeric') {
    const cuts = reference.cuts;
    const labels =
      cuts.length === 0
        ? ['all values']
        : [
            `≤ ${num(cuts[0])}`,
            ...cuts.slice(1).map((c, i) => `${num(cuts[i])} to ${num(c)}`),
            `> ${num(cuts.at(-1))}`,
          ];
    return { labels, base: shares(reference.counts), current: shares(current.counts ?? []) };
  }
  const labels = reference.categories.map((c) => c.value);
  const base = [...reference.categories.map((c) => c.count), reference.other];
  const byValue = new Map((current.categories ?? []).map((c) => [c.value, c.count]));
  const cur = [...reference.categories.map((c) => byValue.get(c.value) ?? 0), current.other ?? 0];
  if (base.at(-1) > 0 || cur.at(-1) > 0) labels.push('other');
  else {
    base.pop();
    cur.pop();
  }
  return { labels, base: shares(base), current: shares(cur) };
}

function shares(counts) {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}
