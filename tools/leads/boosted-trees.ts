import { seededRandom } from "../../src/core/random.js";
import { sigmoid } from "./logistic-regression.js";
import type { BoostedTreesModel, TreeNode } from "./model-file.js";
import type { BinnedMatrix } from "./tree-bins.js";
import { bestSplit, histogram, type Workspace } from "./tree-split.js";

/**
 * Gradient-boosted trees on log-loss over binned columns (histogram method): second-order leaf values
 * −G/(H+λ), categorical splits by ordering bins on G/H, row subsampling and early stopping on a
 * validation set.
 */

export interface BoostingOptions {
  rounds?: number;
  learningRate?: number;
  maxDepth?: number;
  /** Minimum hessian sum in a child. */
  minChildWeight?: number;
  /** L2 penalty on leaf values. */
  lambda?: number;
  subsample?: number;
  /** Stop after this many rounds without a better validation log-loss. */
  patience?: number;
  seed?: number;
}

const DEFAULTS: Required<BoostingOptions> = {
  rounds: 300,
  learningRate: 0.08,
  maxDepth: 4,
  minChildWeight: 2,
  lambda: 2,
  subsample: 0.8,
  patience: 35,
  seed: 1,
};

export interface BoostingResult {
  model: BoostedTreesModel;
  bestRound: number;
  validationLogLoss: number;
}

function leafValue(g: number, h: number, lambda: number): number {
  return -g / (h + lambda);
}

function buildTree(
  matrix: BinnedMatrix,
  ws: Workspace,
  grad: Float64Array,
  hess: Float64Array,
  sample: Int32Array,
  o: Required<BoostingOptions>,
): TreeNode[] {
  const n = matrix.rows;
  const nodes: TreeNode[] = [];
  type Hist = { histG: Float64Array; histH: Float64Array };
  const grow = (start: number, end: number, depth: number, g: number, h: number, hist: Hist | undefined): number => {
    const id = nodes.length;
    nodes.push({ feature: -1, value: o.learningRate * leafValue(g, h, o.lambda) });
    if (depth >= o.maxDepth || h < 2 * o.minChildWeight) return id;
    const { histG, histH } = hist ?? histogram(matrix, ws, grad, hess, sample, start, end);
    const split = bestSplit(matrix, ws, histG, histH, g, h, o);
    if (!split) return id;
    const col = split.feature * n;
    let mid = start;
    let gl = 0;
    let hl = 0;
    for (let i = start; i < end; i++) {
      const r = sample[i]!;
      if (split.left[matrix.bins[col + r]!]) {
        gl += grad[r]!;
        hl += hess[r]!;
        sample[i] = sample[mid]!;
        sample[mid] = r;
        mid++;
      }
    }
    // histogram subtraction: build the smaller child's histogram, derive the larger one's from the parent
    let leftHist: Hist | undefined;
    let rightHist: Hist | undefined;
    if (depth + 1 < o.maxDepth) {
      const leftSmaller = mid - start <= end - mid;
      const small = leftSmaller
        ? histogram(matrix, ws, grad, hess, sample, start, mid)
        : histogram(matrix, ws, grad, hess, sample, mid, end);
      const large = { histG: histG.slice(), histH: histH.slice() };
      for (let b = 0; b < ws.totalBins; b++) {
        large.histG[b]! -= small.histG[b]!;
        large.histH[b]! -= small.histH[b]!;
      }
      leftHist = leftSmaller ? small : large;
      rightHist = leftSmaller ? large : small;
    }
    const yes = grow(start, mid, depth + 1, gl, hl, leftHist);
    const no = grow(mid, end, depth + 1, g - gl, h - hl, rightHist);
    const leftBins: number[] = [];
    split.left.forEach((v, b) => v && leftBins.push(b));
    nodes[id] = { feature: split.feature, left: leftBins, yes, no, value: nodes[id]!.value };
    return id;
  };
  let g = 0;
  let h = 0;
  for (let i = 0; i < sample.length; i++) {
    g += grad[sample[i]!]!;
    h += hess[sample[i]!]!;
  }
  grow(0, sample.length, 0, g, h, undefined);
  return nodes;
}

/** The tree's output for row r of the matrix. */
export function treeOutput(nodes: readonly TreeNode[], matrix: BinnedMatrix, r: number, masks: Uint8Array[]): number {
  let id = 0;
  for (;;) {
    const node = nodes[id]!;
    if (node.feature < 0) return node.value;
    id = masks[id]![matrix.bins[node.feature * matrix.rows + r]!] ? node.yes! : node.no!;
  }
}

/** Left-bin lookup tables, one per node (empty for leaves). */
export function nodeMasks(nodes: readonly TreeNode[]): Uint8Array[] {
  return nodes.map((node) => {
    const mask = new Uint8Array(256);
    for (const b of node.left ?? []) mask[b] = 1;
    return mask;
  });
}

function meanLogLoss(y: ArrayLike<number>, margins: Float64Array, rows: readonly number[]): number {
  let sum = 0;
  for (const r of rows) {
    const z = margins[r]!;
    sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[r]! * z;
  }
  return sum / Math.max(1, rows.length);
}

export function fitBoostedTrees(
  matrix: BinnedMatrix,
  y: ArrayLike<number>,
  trainRows: readonly number[],
  validationRows: readonly number[],
  options: BoostingOptions = {},
): BoostingResult {
  const o = { ...DEFAULTS, ...options };
  let positives = 0;
  for (const r of trainRows) positives += y[r]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / trainRows.length));
  const baseScore = Math.log(rate / (1 - rate));
  const margins = new Float64Array(matrix.rows).fill(baseScore);
  const grad = new Float64Array(matrix.rows);
  const hess = new Float64Array(matrix.rows);
  const random = seededRandom(o.seed);
  const offsets = new Int32Array(matrix.columns);
  let totalBins = 0;
  matrix.binCounts.forEach((nb, c) => {
    offsets[c] = totalBins;
    totalBins += nb;
  });
  const ws: Workspace = { offsets, totalBins, order: new Int32Array(256) };
  const sample = new Int32Array(trainRows.length);
  const trees: TreeNode[][] = [];
  let bestLoss = meanLogLoss(y, margins, validationRows);
  let bestRound = 0;
  const all = [...trainRows, ...validationRows];
  for (let round = 1; round <= o.rounds; round++) {
    for (const r of trainRows) {
      const q = sigmoid(margins[r]!);
      grad[r] = q - y[r]!;
      hess[r] = q * (1 - q);
    }
    let size = 0;
    for (const r of trainRows) if (random() < o.subsample) sample[size++] = r;
    const tree = buildTree(matrix, ws, grad, hess, sample.subarray(0, size), o);
    trees.push(tree);
    const masks = nodeMasks(tree);
    for (const r of all) margins[r]! += treeOutput(tree, matrix, r, masks);
    const loss = validationRows.length ? meanLogLoss(y, margins, validationRows) : -round;
    if (loss < bestLoss - 1e-7) {
      bestLoss = loss;
      bestRound = round;
    } else if (round - bestRound >= o.patience) {
      break;
    }
  }
  return {
    model: { type: "boosted-trees", baseScore, learningRate: o.learningRate, maxDepth: o.maxDepth, trees: trees.slice(0, bestRound) },
    bestRound,
    validationLogLoss: bestLoss,
  };
}
