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
  const versionAxis = {
    // Ticks on whole versions only; the drawn labels are kept on the figure (data-x-ticks).
    splits: (u) => wholeNumbers(u.scales.x.min, u.scales.x.max),
    values: (_u, ticks) => {
      const labels = ticks.map((t) => `v${t}`);
      box.dataset.xTicks = labels.join('|');
      return labels;
    },
  };
  const opts = {
    title,
    width: chartWidth(container),
    height: 260,
    // One version alone is centred on its own tick, not on an axis from v0 to v2 (issue 17).
    // (uPlot widens a single x value before any range function sees it, so the data decides.)
    // One time alone (a single drift check) gets the hour around it, not years (issue 17).
    scales: {
      x: time
        ? { time, ...(new Set(x).size === 1 && { range: () => [x[0] - 1800, x[0] + 1800] }) }
        : { time, range: () => [Math.min(...x) - 0.5, Math.max(...x) + 0.5] },
    },
    axes: [time ? {} : versionAxis, { label: yLabel }],
    // The drawn x span, kept on the figure (data-x-span) for the page's tests.
    hooks: { ready: [(u) => (box.dataset.xSpan = String(u.scales.x.max - u.scales.x.min))] },
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
  const width = chartWidth(container);
  const fit = fitLabels(labels, width);
  box.dataset.xTicks = labels.filter((_, i) => i % fit.step === 0).join('|');
  box.dataset.labelAngle = String(fit.angle);
  box.dataset.slotPx = String(Math.floor(fit.slot * fit.step));
  const opts = {
    title,
    width,
    height: 240 + fit.extraHeight,
    scales: {
      x: { time: false, range: [-0.5, labels.length - 0.5] },
      // Bars start at zero, so their heights compare.
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        values: (_u, ticks) => ticks.map((t) => (t % fit.step === 0 ? (labels[t] ?? '') : '')),
        splits: () => x,
        rotate: fit.angle,
        size: fit.axisSize,
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

/** Whole numbers from ceil(min) to floor(max). */
function wholeNumbers(min, max) {
  const out = [];
  for (let v = Math.ceil(min); v <= Math.floor(max); v++) out.push(v);
  return out;
}

// uPlot's axis font, to measure labels with.
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';
const LINE_PX = 16;
const Y_AXIS_PX = 60;

/**
 * How bar labels fit under their bars without overlapping (issue 17): level when the widest
 * fits its bar's slot, else slanted at 45°, and then only every step-th label when slots are
 * closer than slanted lines of text.
 */
function fitLabels(labels, width) {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = AXIS_FONT;
  const widest = Math.max(0, ...labels.map((l) => ctx.measureText(l).width));
  const slot = (width - Y_AXIS_PX) / Math.max(1, labels.length);
  if (widest + 8 <= slot) return { angle: 0, step: 1, slot, axisSize: undefined, extraHeight: 0 };
  // Slanted labels are a line apart along the axis every line / sin 45°.
  const step = Math.max(1, Math.ceil((LINE_PX * Math.SQRT2) / slot));
  const axisSize = Math.ceil(widest * Math.SQRT1_2 + LINE_PX + 8);
  return { angle: -45, step, slot, axisSize, extraHeight: Math.max(0, axisSize - 50) };
}
