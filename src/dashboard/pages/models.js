// Models list: production version, last run status, last drift verdict.
import { api } from '../api.js';
import { badge, h, section, when } from '../dom.js';

export async function renderModels(view) {
  const { body } = await api('models?pageSize=100');
  if (body.items.length === 0) {
    view.append(
      section(
        'Models',
        h('p', {}, 'No models yet: drop a dataset into the datasets container (see the README).'),
      ),
    );
    return;
  }
  const rows = await Promise.all(body.items.map(modelRow));
  view.append(
    section(
      'Models',
      h(
        'table',
        { id: 'models' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Model', 'Production', 'Versions', 'Last run', 'Last drift check', 'Updated'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}

async function modelRow(m) {
  const name = encodeURIComponent(m.model);
  const drift = await latest(`models/${name}/drift?pageSize=1`);
  // The list carries each model's newest run: one whose runs all failed shows why (issue 17).
  const run = m.latestRun;
  return h(
    'tr',
    { 'data-model': m.model },
    h('th', { scope: 'row' }, h('a', { href: `#/models/${name}` }, m.model)),
    h('td', {}, m.productionVersion ? `v${m.productionVersion}` : m.versionCount ? 'none yet' : 'no version'),
    h('td', {}, String(m.versionCount)),
    h(
      'td',
      { class: 'last-run' },
      run
        ? [
            badge(run.status),
            ' ',
            h('a', { href: `#/models/${name}/runs` }, 'runs'),
            run.error ? h('div', { class: 'run-error small' }, run.error.message) : null,
          ]
        : h('span', { class: 'muted' }, 'none yet'),
    ),
    h(
      'td',
      {},
      cell(drift, (d) => [badge(d.status), ' ', h('a', { href: `#/models/${name}/drift` }, 'drift')]),
    ),
    h('td', {}, when(m.updatedAt)),
  );
}

/** The newest item of a list, or the error in words: one failing list does not hide the table. */
async function latest(path) {
  try {
    const { body } = await api(path);
    return { item: body.items[0] };
  } catch (error) {
    if (error.kind === 'bad_key' || error.kind === 'network') throw error;
    return { error };
  }
}

function cell(result, render) {
  if (result.error) return h('span', { class: 'muted', title: result.error.message }, 'unavailable');
  return result.item ? render(result.item) : h('span', { class: 'muted' }, 'none yet');
}
