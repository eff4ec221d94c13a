import type { Tree } from '../models/types';
import type { GrownTree } from './tree-learner';

/** Growable node arrays of one tree under construction; `finish` trims them into a Tree. */
export class TreeNodes {
  readonly feature: Int32Array;
  readonly threshold: Float32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly value: Float64Array;
  readonly splitBin: Uint8Array;
  private size = 0;

  constructor(capacity: number) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Float32Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.missingLeft = new Uint8Array(capacity);
    this.value = new Float64Array(capacity);
    this.splitBin = new Uint8Array(capacity);
  }

  /** Appends a leaf node and returns its index. */
  add(): number {
    const i = this.size++;
    this.feature[i] = -1;
    this.left[i] = -1;
    this.right[i] = -1;
    return i;
  }

  setSplit(
    node: number,
    feature: number,
    threshold: number,
    bin: number,
    missingLeft: boolean,
    left: number,
    right: number,
  ): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.splitBin[node] = bin;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
  }

  finish(classIndex: number): GrownTree {
    const n = this.size;
    const tree: Tree = {
      classIndex,
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      value: this.value.slice(0, n),
    };
    return { tree, splitBin: this.splitBin.slice(0, n) };
  }
}
