// A challenger on trial beside production: the line naming it, and its live comparison (both
// versions' error on the same feedback-labelled rows, check by check, and the latest test).
import { lineChart } from '../charts.js';
import { h, num, section, when } from '../dom.js';

/** `shadow` or `canary 10%`. */
const modeText = (trial) =>
  trial.mode === 'canary' ? `canary ${Math.round(trial.share * 1000) / 10}%` : 'shadow';

export function challengerLine(challenger) {
  const { trial } = challenger;
  return h(
    'p',
    { id: 'challenger' },
    `Challenger: version ${challenger.version} on trial (${modeText(trial)}) since ${when(trial.since)}`,
    trial.against ? `, against version ${trial.against}` : '',
    '.',
  );
}

/**
 * A trial's live evidence: both versions' mean error on the feedback-labelled rows they both
 * scored, check by check, and the latest decision in words.
 */
export function liveComparison(version) {
  const { trial } = version;
  const comparisons = trial.comparisons ?? [];
  const latest = comparisons.at(-1);
  const charts = h('div', {});
  const ended = trial.outcome
    ? `ended ${trial.outcome}${trial.endedAt ? ` ${when(trial.endedAt)}` : ''}`
    : 'on trial';
  const box = section(
    `Live comparison, version ${version.version}`,
    h(
      'p',
      { id: 'trial-status' },
      `Version ${version.version} (${modeText(trial)}, ${ended}) against production version ${latest?.productionVersion ?? trial.against}.`,
      trial.reason ? ` ${trial.reason}` : '',
    ),
    latest
      ? h(
          'table',
          { id: 'trial-latest' },
          h(
            'tbody',
            {},
            [
              ['Paired rows', `${num(latest.rows)} of ${num(latest.minRows)} needed`],
              ['Feedback one version alone scored', num(latest.unpaired)],
              [`Production ${latest.errorMetric.replace('_', ' ')}`, num(latest.productionError)],
              [`Challenger ${latest.errorMetric.replace('_', ' ')}`, num(latest.challengerError)],
              ['Test', latest.test === 'mcnemar' ? 'McNemar' : 'paired t'],
              ['p-value', latest.pValue === null ? '— (not enough rows yet)' : num(latest.pValue)],
              ['Decision', `${latest.decision}: ${latest.reason}`],
            ].map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))),
          ),
        )
      : h(
          'p',
          { class: 'muted' },
          'No evaluation yet: the drift check compares the two once feedback arrives.',
        ),
    charts,
  );
  if (comparisons.length > 0) {
    requestAnimationFrame(() =>
      lineChart(charts, {
        title: `Live error, version ${version.version} vs production`,
        x: comparisons.map((c) => Date.parse(c.checkedAt) / 1000),
        time: true,
        series: [
          { label: 'production', values: comparisons.map((c) => c.productionError) },
          { label: `challenger v${version.version}`, values: comparisons.map((c) => c.challengerError) },
        ],
        yLabel: latest.errorMetric.replace('_', ' '),
      }),
    );
  }
  return box;
}
