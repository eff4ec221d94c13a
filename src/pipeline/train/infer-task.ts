import type { DataColumn } from '../../ml/data/table';
import type { Task } from '../../ml/matrix';

/**
 * The task when the spec does not say: a target with text labels is binary (two labels) or
 * multiclass; a numeric one with two distinct values is binary, otherwise regression, also when
 * a minority of its cells are text (unparseable values, left out of training).
 */
export function inferTask(target: DataColumn): Task {
  const numbers = new Set<number>();
  const distinct = new Set<string | number>();
  for (let i = 0; i < target.missing.length && numbers.size <= 2; i++) {
    if (target.missing[i] === 1) continue;
    const code = target.codes === null ? -1 : target.codes[i];
    if (code < 0) numbers.add(target.numbers?.[i] ?? NaN);
    if (distinct.size <= 2) distinct.add(code >= 0 ? `t:${code}` : (target.numbers?.[i] ?? NaN));
  }
  if (target.textCount > 0 && target.textCount < target.numberCount && numbers.size > 2) return 'regression';
  if (target.textCount > 0) return distinct.size <= 2 ? 'binary' : 'multiclass';
  return distinct.size <= 2 ? 'binary' : 'regression';
}
