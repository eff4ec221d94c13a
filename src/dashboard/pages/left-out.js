// What training left out of the data (rows without a target, unparseable targets, values read
// as unknown), one line per reason, on runs and versions.
import { h } from '../dom.js';

export function leftOutList(leftOut) {
  if (!Array.isArray(leftOut) || leftOut.length === 0) return null;
  return h(
    'ul',
    { class: 'left-out small' },
    leftOut.map((l) => h('li', { 'data-reason': l.reason }, l.message)),
  );
}
