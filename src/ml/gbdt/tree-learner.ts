import type { Tree } from '../models/types';
import type { BinMapper } from './bin-mapper';
import type { BinMatrix } from './bin-matrix';
import { DataPartition } from './data-partition';
import { histogramTotal, HistogramPool, subtractHistogram, type HistogramBuilder } from './histogram';
import { BlockThreads } from './parallel/block-threads';
import { sharedArray } from './parallel/shared-array';
import type { GbdtParams } from './params';
import { findBestSplit, type SplitRules } from './split-finder';
import { emptySplit, type SplitInfo } from './split-info';
import { TreeNodes } from './tree-nodes';

/** Binned training rows the learner reads, with the mapper that gives bins their thresholds. */
export interface BinnedRows {
  readonly nRows: number;
  readonly bins: BinMatrix;
  readonly mapper: BinMapper;
}

/** A tree as grown: the model's Tree plus each node's split bin, for walking binned rows. */
export interface GrownTree {
  readonly tree: Tree;
  readonly splitBin: Uint8Array;
}

const MIN_GAIN = 1e-12;

/**
 * Grows one tree from gradients and hessians, leaf-wise: always splits the leaf whose cached
 * best split gains most, finds splits only for the two new leaves, builds the histogram of the
 * smaller child and gets the larger one by subtraction from the parent's.
 */
export class TreeLearner {
  readonly partition: DataPartition;
  private readonly pool: HistogramPool;
  private readonly rules: SplitRules;
  private readonly histograms: HistogramBuilder;
  private readonly leafG: Float64Array;
  private readonly leafH: Float64Array;
  private readonly leafCount: Float64Array;
  private readonly leafDepth: Int32Array;
  private readonly leafNode: Int32Array;
  private readonly leafHist: (Float64Array | null)[];
  private readonly leafSplit: SplitInfo[];
  private nLeaves = 0;

  constructor(
    private readonly data: BinnedRows,
    private readonly params: Pick<
      GbdtParams,
      'maxLeaves' | 'maxDepth' | 'minSamplesLeaf' | 'l2' | 'learningRate'
    >,
    constantHessian: boolean,
    threads: { count: number; grads: readonly Float64Array[]; hesses: readonly Float64Array[] } | null = null,
  ) {
    const leaves = params.maxLeaves;
    const count = threads ? threads.count : 1;
    // With workers, everything they read lives on shared memory: bins, row order, gradients.
    this.partition = new DataPartition(
      data.nRows,
      leaves,
      count > 1 ? (length) => sharedArray(Uint32Array, length) : undefined,
    );
    this.histograms = new BlockThreads(
      data.bins,
      this.partition,
      threads ? threads.grads : [],
      threads ? threads.hesses : [],
      constantHessian,
      count,
    );
    this.pool = new HistogramPool(data.bins.nFeatures);
    this.rules = { l2: params.l2, minSamplesLeaf: params.minSamplesLeaf, minHessian: 1e-3 };
    this.leafG = new Float64Array(leaves);
    this.leafH = new Float64Array(leaves);
    this.leafCount = new Float64Array(leaves);
    this.leafDepth = new Int32Array(leaves);
    this.leafNode = new Int32Array(leaves);
    this.leafHist = new Array<Float64Array | null>(leaves).fill(null);
    this.leafSplit = Array.from({ length: leaves }, emptySplit);
  }

  /** Grows a tree on all rows, or on the bagged rows (ascending) when given; adds gains to importance. */
  grow(
    grad: Float64Array,
    hess: Float64Array,
    bag: Uint32Array | null,
    classIndex: number,
    importance: Float64Array,
  ): GrownTree {
    const { partition, leafSplit } = this;
    partition.reset(this.data.nRows, bag);
    const nodes = new TreeNodes(2 * this.params.maxLeaves - 1);
    nodes.add();
    this.nLeaves = 1;
    this.leafNode[0] = 0;
    this.leafDepth[0] = 0;
    this.leafCount[0] = partition.count[0];
    leafSplit[0].gain = -Infinity;
    if (this.splittable(0)) {
      const hist = this.build(0, grad, hess, bag === null);
      this.leafHist[0] = hist;
      // The root's sums from its histogram save a pass over all rows per tree.
      this.leafG[0] = histogramTotal(hist, 0);
      this.leafH[0] = histogramTotal(hist, 1);
      this.findSplit(0);
    } else {
      let g = 0;
      let h = 0;
      for (let i = 0; i < partition.count[0]; i++) {
        const r = partition.indices[i];
        g += grad[r];
        h += hess[r];
      }
      this.leafG[0] = g;
      this.leafH[0] = h;
    }
    while (this.nLeaves < this.params.maxLeaves) {
      let best = -1;
      for (let l = 0; l < this.nLeaves; l++) {
        if (leafSplit[l].gain > MIN_GAIN && (best < 0 || leafSplit[l].gain > leafSplit[best].gain)) best = l;
      }
      if (best < 0) break;
      this.split(best, nodes, grad, hess, importance);
    }
    for (let l = 0; l < this.nLeaves; l++) this.releaseHist(l);
    const lr = this.params.learningRate;
    for (let l = 0; l < this.nLeaves; l++) {
      nodes.value[this.leafNode[l]] = (-this.leafG[l] / (this.leafH[l] + this.params.l2)) * lr;
    }
    return nodes.finish(classIndex);
  }

  /** Stops the worker threads, if any. */
  close(): void {
    this.histograms.close();
  }

  /** Adds each leaf's value to the scores of the rows it holds (the rows the tree was grown on). */
  addLeafValues(grown: GrownTree, scores: Float64Array): void {
    const { indices, begin, count } = this.partition;
    for (let l = 0; l < this.nLeaves; l++) {
      const v = grown.tree.value[this.leafNode[l]];
      const end = begin[l] + count[l];
      for (let i = begin[l]; i < end; i++) scores[indices[i]] += v;
    }
  }

  private split(
    leaf: number,
    nodes: TreeNodes,
    grad: Float64Array,
    hess: Float64Array,
    importance: Float64Array,
  ): void {
    const s = this.leafSplit[leaf];
    const right = this.nLeaves++;
    const node = this.leafNode[leaf];
    const leftNode = nodes.add();
    const rightNode = nodes.add();
    nodes.setSplit(
      node,
      s.feature,
      this.data.mapper.edges[s.feature][s.bin],
      s.bin,
      s.missingLeft,
      leftNode,
      rightNode,
    );
    importance[s.feature] += s.gain;
    this.partition.split(leaf, right, this.data.bins, s.feature, s.bin, s.missingLeft);
    this.leafG[right] = this.leafG[leaf] - s.leftG;
    this.leafH[right] = this.leafH[leaf] - s.leftH;
    this.leafCount[right] = this.leafCount[leaf] - s.leftCount;
    this.leafG[leaf] = s.leftG;
    this.leafH[leaf] = s.leftH;
    this.leafCount[leaf] = s.leftCount;
    this.leafDepth[right] = ++this.leafDepth[leaf];
    this.leafNode[leaf] = leftNode;
    this.leafNode[right] = rightNode;
    this.leafSplit[leaf].gain = -Infinity;
    this.leafSplit[right].gain = -Infinity;

    const parentHist = this.leafHist[leaf];
    this.leafHist[leaf] = null;
    // The split that fills the leaf budget ends the tree: its children are never split.
    const more = this.nLeaves < this.params.maxLeaves;
    const canLeft = more && this.splittable(leaf);
    const canRight = more && this.splittable(right);
    if (!parentHist || (!canLeft && !canRight)) {
      if (parentHist) this.pool.release(parentHist);
      return;
    }
    const smaller = this.partition.count[leaf] <= this.partition.count[right] ? leaf : right;
    const larger = smaller === leaf ? right : leaf;
    const smallHist = this.build(smaller, grad, hess);
    this.leafHist[smaller] = smallHist;
    if (smaller === leaf ? canRight : canLeft) {
      subtractHistogram(parentHist, smallHist, this.data.bins.valueBins);
      this.leafHist[larger] = parentHist;
      this.findSplit(larger);
    } else {
      this.pool.release(parentHist);
    }
    if (smaller === leaf ? canLeft : canRight) this.findSplit(smaller);
    else this.releaseHist(smaller);
  }

  private splittable(leaf: number): boolean {
    const depthOk = this.params.maxDepth === 0 || this.leafDepth[leaf] < this.params.maxDepth;
    return depthOk && this.partition.count[leaf] >= 2 * this.params.minSamplesLeaf;
  }

  private build(leaf: number, grad: Float64Array, hess: Float64Array, identity = false): Float64Array {
    const hist = this.pool.acquire();
    const begin = this.partition.begin[leaf];
    const end = begin + this.partition.count[leaf];
    this.histograms.build(hist, begin, end, grad, hess, identity);
    return hist;
  }

  private findSplit(leaf: number): void {
    const hist = this.leafHist[leaf];
    if (!hist) return;
    findBestSplit(
      hist,
      this.data.mapper.nBins,
      this.leafG[leaf],
      this.leafH[leaf],
      this.leafCount[leaf],
      this.rules,
      this.leafSplit[leaf],
    );
  }

  private releaseHist(leaf: number): void {
    const hist = this.leafHist[leaf];
    if (hist) this.pool.release(hist);
    this.leafHist[leaf] = null;
  }
}
