// Promote or roll back with a confirmation; asks for the operator key when the API answers 403.
import { api, keys } from '../api.js';
import { errorBox, h } from '../dom.js';

/**
 * Opens the confirmation for putting `version` in production; resolves with the promotion
 * result, or undefined when cancelled.
 */
export function confirmPromotion({ model, version, action, current, aliasEtag }) {
  return new Promise((resolve) => {
    const reason = h('input', { name: 'reason', maxlength: 500, placeholder: 'optional, kept on the alias' });
    const operatorKey = h('input', { name: 'operator-key', type: 'password', autocomplete: 'off' });
    const operatorRow = h('label', { class: 'operator-key', hidden: true }, 'Operator key ', operatorKey);
    const message = h('div', { class: 'dialog-message', role: 'status' });
    const confirm = h('button', { type: 'submit', value: 'confirm' }, `Yes, ${action}`);
    const cancel = h('button', { type: 'button', onclick: () => close(undefined) }, 'Cancel');
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', {}, `${action[0].toUpperCase()}${action.slice(1)} ${model}`),
      h(
        'p',
        {},
        `Put version ${version} in production`,
        current ? ` in place of version ${current}` : '',
        '? Predictions switch to it at once.',
      ),
      h('label', {}, 'Reason ', reason),
      operatorRow,
      message,
      h('p', { class: 'buttons' }, confirm, ' ', cancel),
    );
    const dialog = h('dialog', { id: 'promote-dialog', 'aria-label': `${action} ${model}` }, form);
    const close = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    dialog.addEventListener('cancel', () => close(undefined));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!operatorRow.hidden) {
        if (operatorKey.value.trim() === '') {
          message.replaceChildren('Enter the operator key to go on.');
          return;
        }
        keys.setOperator(operatorKey.value.trim());
      }
      confirm.disabled = true;
      message.replaceChildren('Sending…');
      try {
        const { body } = await api(`models/${encodeURIComponent(model)}/aliases/production`, {
          method: 'POST',
          operate: true,
          headers: aliasEtag ? { 'if-match': aliasEtag } : {},
          body: { version, ...(reason.value.trim() && { reason: reason.value.trim() }) },
        });
        close(body);
      } catch (error) {
        confirm.disabled = false;
        if (error.kind === 'forbidden' || error.kind === 'bad_key') {
          operatorRow.hidden = false;
          operatorKey.focus();
          message.replaceChildren(
            error.kind === 'forbidden'
              ? 'Promoting needs the operate role: enter the operator key (locally LOCAL_OPERATOR_KEY) to confirm.'
              : 'The operator key was refused: enter it again.',
          );
          return;
        }
        message.replaceChildren(errorBox(error));
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    reason.focus();
  });
}
