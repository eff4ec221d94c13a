/** Best split found for one leaf, cached until the leaf is split or growth ends. */
export interface SplitInfo {
  /** Loss reduction; -Infinity when the leaf cannot be split. */
  gain: number;
  feature: number;
  /** Rows with value bin <= bin go left. */
  bin: number;
  missingLeft: boolean;
  leftG: number;
  leftH: number;
  leftCount: number;
}

export function emptySplit(): SplitInfo {
  return { gain: -Infinity, feature: -1, bin: 0, missingLeft: false, leftG: 0, leftH: 0, leftCount: 0 };
}
