// Charts with uPlot. Every series has a dash pattern as well as a colour, and its name in the
// legend, so lines can be told apart without colour.
import uPlot from './vendor/uPlot.esm.js';
import { h } from './dom.js';

const COLOURS = ['#1f5fa8', '#b3541e', '#2f7d32', '#7b3fa0', '#8a6d00', '#0f7c7c', '#a0204a', '#555555'];
const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [1, 2], [6, 2, 2, 2]];

function chartWidth(container) {
  // A chart drawn before its page is attached measures the page's main column instead.
  const width = container.clientWidth || document.querySelector('main')?.clientWidth || 720;
  return Math.max(320, Math.min(width, 1100) - 16);
}

/**
 * A line chart: `x` values (versions, or times when `time` is true) and `series` of
 * `{label, values, threshold?, dash?}`; threshold series are drawn thin, black and dashed.
 */
export function lineChart(container, { title, x, series, time = false, yLabel = '' }) {
  const box = h('figure', { class: 'chart', 'data-chart': title });
  container.append(box);
  const opts = {
    title,
    width: chartWidth(container),
    height: 260,
    scales: { x: { time } },
    axes: [
      time ? {} : { values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? `v${t}` : '')) },
      { label: yLabel },
    ],
    series: [
      {
        label: time ? 'time' : 'version',
        value: time ? '{YYYY}-{MM}-{DD} {HH}:{mm}' : (_u, v) => (v == null ? '—' : `v${v}`),
      },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: s.threshold ? '#000' : COLOURS[i % COLOURS.length],
        dash: s.dash ?? (s.threshold ? [3, 3] : DASHES[i % DASHES.length]),
        width: s.threshold ? 1 : 2,
        spanGaps: false,
        points: { show: !s.threshold, size: 6 },
      })),
    ],
  };
  return new uPlot(opts, [x, ...series.map((s) => s.values)], box);
}

/** A bar chart of labelled values (e.g. a metric per slice), with each value also as text. */
export function barChart(container, { title, labels, values, xLabel = 'slice', yLabel = '' }) {
  const box = h('figure', { class: 'chart', 'data-chart': title });
  container.append(box);
  const x = labels.map((_, i) => i);
  const opts = {
    title,
    width: chartWidth(container),
    height: 240,
    scales: {
      x: { time: false, range: [-0.5, labels.length - 0.5] },
      // Bars start at zero, so their heights compare.
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        values: (_u, ticks) => ticks.map((t) => labels[t] ?? ''),
        splits: () => x,
        rotate: 0,
      },
      { label: yLabel },
    ],
    series: [
      { label: xLabel, value: (_u, i) => (i == null ? '—' : (labels[i] ?? '')) },
      {
        label: yLabel || 'value',
        fill: 'rgba(31,95,168,0.35)',
        stroke: '#1f5fa8',
        width: 1,
        paths: uPlot.paths.bars({ size: [0.6, 80] }),
        points: { show: false },
      },
    ],
  };
  const plot = new uPlot(opts, [x, values], box);
  box.append(
    h(
      'figcaption',
      { class: 'values' },
      labels.map((l, i) => `${l}: ${Number(values[i]?.toPrecision?.(4) ?? values[i])}`).join(' · '),
    ),
  );
  return plot;
}

/**
 * Two bar series side by side per label (e.g. a reference and a current distribution), each
 * series with its own fill and outline, the values also as text.
 */
export function pairedBarChart(container, { title, labels, series, yLabel = '' }) {
  const box = h('figure', { class: 'chart', 'data-chart': title });
  container.append(box);
  const x = labels.map((_, i) => i);
  const fills = ['rgba(85,85,85,0.35)', 'rgba(179,84,30,0.55)'];
  const opts = {
    title,
    width: Math.min(chartWidth(container), 540),
    height: 220,
    scales: {
      x: { time: false, range: [-0.5, labels.length - 0.5] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      // Bin labels slant so that ranges like "-3.4 to -1.9" never run into each other.
      {
        values: (_u, ticks) => ticks.map((t) => labels[t] ?? ''),
        splits: () => x,
        rotate: labels.length > 4 ? -35 : 0,
        size: labels.length > 4 ? 78 : 40,
        font: '11px sans-serif',
      },
      { label: yLabel },
    ],
    series: [
      { label: 'bin', value: (_u, i) => (i == null ? '—' : (labels[i] ?? '')) },
      ...series.map((s, k) => ({
        label: s.label,
        fill: fills[k % fills.length],
        stroke: k === 0 ? '#555555' : '#b3541e',
        width: 1,
        dash: k === 0 ? [4, 2] : [],
        paths: uPlot.paths.bars({ size: [0.4, 60], align: k === 0 ? -1 : 1 }),
        points: { show: false },
      })),
    ],
  };
  const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], box);
  box.append(
    h(
      'figcaption',
      { class: 'values' },
      labels
        .map(
          (l, i) => `${l}: ${series.map((s) => `${Number((s.values[i] ?? 0).toPrecision(3))}`).join(' / ')}`,
        )
        .join(' · '),
    ),
  );
  return plot;
}
