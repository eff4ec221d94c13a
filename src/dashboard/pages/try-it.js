// "Try it": a form built from a version's feature schema that calls predict with one row.
import { api } from '../api.js';
import { errorBox, h, num, section } from '../dom.js';
import { modelNav } from './model.js';

export async function renderTryIt(view, [model]) {
  const name = encodeURIComponent(model);
  const [{ body: summary }, { body: page }] = await Promise.all([
    api(`models/${name}`),
    api(`models/${name}/versions?pageSize=100`),
  ]);
  view.append(h('h1', {}, `${model}: try it`), modelNav(model, 'try'));
  const usable = page.items.filter((v) => v.status !== 'rejected' && v.status !== 'candidate');
  if (usable.length === 0) {
    view.append(h('p', {}, 'No validated version to try yet.'));
    return;
  }
  const chosen = summary.production?.version ?? usable[0].version;
  const select = h(
    'select',
    { id: 'try-version' },
    usable.map((v) =>
      h('option', { value: v.version, selected: v.version === chosen }, `v${v.version} (${v.status})`),
    ),
  );
  const formBox = h('div', {});
  const draw = () =>
    formBox.replaceChildren(
      predictForm(
        model,
        usable.find((v) => v.version === Number(select.value)),
      ),
    );
  select.addEventListener('change', draw);
  draw();
  view.append(section('Predict one row', h('label', {}, 'Version ', select), formBox));
}

/** The raw inputs a request must carry, as `{name, type}`: trained pipelines and uploaded sidecars. */
function inputFields(version) {
  const inputs = version.featureSchema?.inputs ?? [];
  return inputs.flatMap((i) => {
    if (['numeric', 'categorical', 'boolean', 'datetime'].includes(i.type))
      return [{ name: i.name, type: i.type }];
    const type = i.type === 'string' ? 'categorical' : 'numeric';
    return (i.columns ?? [i.column ?? i.name]).map((c) => ({ name: c, type }));
  });
}

function predictForm(model, version) {
  const fields = inputFields(version);
  if (fields.length === 0) return h('p', {}, `Version ${version.version} records no input schema.`);
  const profile = version.trainingProfile?.columns ?? {};
  const times = version.trainingProfile?.timeRanges ?? {};
  const result = h('div', { id: 'try-result', role: 'status' });
  const controls = fields.map((f) => [f, control(f, profile[f.name], times[f.name])]);
  const lists = fields.map((f) => valueList(f, profile[f.name]));
  const form = h(
    'form',
    { id: 'try-form', class: 'grid-form' },
    controls.map(([f, input]) => h('label', {}, h('span', {}, `${f.name} (${f.type})`), input)),
    lists,
    h('p', {}, h('button', { type: 'submit' }, 'Predict')),
    result,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const row = {};
    for (const [f, input] of controls) {
      const raw = input.value.trim();
      if (raw === '') continue; // missing: the model's imputation decides
      row[f.name] =
        f.type === 'numeric'
          ? Number(raw)
          : f.type === 'boolean'
            ? raw === 'true'
            : f.type === 'datetime'
              ? new Date(raw).toISOString()
              : raw;
    }
    result.replaceChildren('Predicting…');
    try {
      const { body } = await api(`models/${encodeURIComponent(model)}/predict?version=${version.version}`, {
        method: 'POST',
        body: { rows: [row] },
      });
      // Regressions answer no probabilities: nothing, not a `null`, goes in their place (issue 17).
      result.replaceChildren(
        h(
          'p',
          { class: 'prediction' },
          `Prediction of version ${body.version}: `,
          h('strong', {}, String(formatPrediction(body.predictions[0]))),
        ),
        ...(body.probabilities
          ? [h('p', { class: 'probabilities' }, `Probabilities: ${JSON.stringify(body.probabilities[0])}`)]
          : []),
        h('p', { class: 'muted small' }, `Request id ${body.requestId}`),
      );
    } catch (error) {
      result.replaceChildren(errorBox(error));
    }
  });
  return form;
}

function formatPrediction(value) {
  return typeof value === 'number' ? num(value) : value;
}

/**
 * An input for one field, prefilled with a typical training value: the median number, the most
 * frequent category or boolean, the last time trained on (today would be outside the training range).
 */
function control(field, profile, timeRange) {
  const id = `in-${field.name}`;
  if (field.type === 'boolean') {
    const usual = profile?.type === 'categorical' ? profile.categories[0]?.value : undefined;
    return h(
      'select',
      { id, name: field.name },
      h('option', { value: 'true', selected: usual === 'true' }, 'true'),
      h('option', { value: 'false', selected: usual !== 'true' }, 'false'),
    );
  }
  if (field.type === 'datetime')
    return h('input', {
      id,
      name: field.name,
      type: 'datetime-local',
      value: (timeRange?.max ?? new Date().toISOString()).slice(0, 16),
    });
  if (field.type === 'numeric') {
    const typical =
      profile?.type === 'numeric' ? profile.quantiles[Math.floor(profile.quantiles.length / 2)] : undefined;
    return h('input', { id, name: field.name, type: 'number', step: 'any', value: typical ?? '' });
  }
  const categories = profile?.type === 'categorical' ? profile.categories.map((c) => c.value) : [];
  return h('input', { id, name: field.name, list: `${id}-values`, value: categories[0] ?? '' });
}

/** The training values of a categorical field, offered as suggestions. */
function valueList(field, profile) {
  if (profile?.type !== 'categorical') return null;
  return h(
    'datalist',
    { id: `in-${field.name}-values` },
    profile.categories.map((c) => h('option', { value: c.value })),
  );
}
