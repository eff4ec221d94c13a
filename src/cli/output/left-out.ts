import type { LeftOutCount } from '../../domain/model-version';

/** A run's or version's left-out counts in one cell: "200 rows missing target (cnt), ...". */
export function formatLeftOut(leftOut: readonly LeftOutCount[] | undefined): string {
  if (leftOut === undefined || leftOut.length === 0) return '';
  return leftOut.map((l) => `${l.count} ${l.scope} ${l.reason.replace(/_/g, ' ')} (${l.column})`).join(', ');
}
