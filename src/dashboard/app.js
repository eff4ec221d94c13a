// The dashboard shell: hash routes to pages, the key form, and errors shown in words.
import { ApiError, keys } from './api.js';
import { errorBox, h } from './dom.js';
import { renderDrift } from './pages/drift.js';
import { renderModel } from './pages/model.js';
import { renderModels } from './pages/models.js';
import { renderRuns } from './pages/runs.js';
import { renderTryIt } from './pages/try-it.js';

const view = document.getElementById('view');
const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('key-input');
let leaveHandlers = [];

const ROUTES = [
  [/^#?\/?$/, () => renderModels],
  [/^#\/models\/([^/]+)$/, () => renderModel],
  [/^#\/models\/([^/]+)\/drift$/, () => renderDrift],
  [/^#\/models\/([^/]+)\/runs$/, () => renderRuns],
  [/^#\/models\/([^/]+)\/try$/, () => renderTryIt],
];

async function route() {
  for (const leave of leaveHandlers) leave();
  leaveHandlers = [];
  const hash = window.location.hash || '#/';
  if (!keys.get()) {
    showKeyForm('Enter the function key to read the API.');
    view.replaceChildren();
    return;
  }
  keyForm.hidden = true;
  const match = ROUTES.map(([re, page]) => [re.exec(hash), page]).find(([m]) => m);
  view.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  view.setAttribute('aria-busy', 'true');
  try {
    if (!match) throw new ApiError('not_found', `No dashboard page at ${hash}.`, 404);
    const [m, page] = match;
    const params = m.slice(1).map(decodeURIComponent);
    const content = h('div', {});
    await page()(content, params, { onLeave: (fn) => leaveHandlers.push(fn), rerender: route });
    view.replaceChildren(content);
  } catch (error) {
    showError(error);
  } finally {
    view.removeAttribute('aria-busy');
  }
}

/** Replaces the page with what went wrong; a refused key brings the key form back. */
export function showError(error) {
  const actions = [h('button', { type: 'button', onclick: route }, 'Retry')];
  if (error?.kind === 'bad_key') {
    keys.clear();
    showKeyForm('The key was refused: enter a valid one.');
  }
  if (error?.kind === 'not_found') actions.push(h('a', { href: '#/' }, 'Back to the models'));
  view.replaceChildren(errorBox(error instanceof Error ? error : new Error(String(error)), actions));
}

function showKeyForm(message) {
  keyForm.hidden = false;
  document.getElementById('key-message').textContent = message;
  keyInput.focus();
}

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = keyInput.value.trim();
  if (value === '') {
    document.getElementById('key-message').textContent = 'The key cannot be empty.';
    return;
  }
  keys.set(value);
  keyInput.value = '';
  route();
});

document.getElementById('forget-key').addEventListener('click', () => {
  keys.clear();
  route();
});

window.addEventListener('hashchange', route);
// A script error must not leave a blank page.
window.addEventListener('error', (event) => showError(event.error ?? new Error(event.message)));
window.addEventListener('unhandledrejection', (event) => showError(event.reason));
route();
