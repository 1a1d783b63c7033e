import { seededRandom } from "../../src/core/random.js";
/** Seeded, stratified splits: the same seed gives the same split on every machine. */

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function indicesByClass(y: ArrayLike<number>): [number[], number[]] {
  const negatives: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? positives : negatives).push(i);
  return [negatives, positives];
}

/** Assigns each row a fold 0..k-1 so that every fold holds the same share of each class (±1 row). */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new Error("k must be an integer ≥ 2");
  const random = seededRandom(seed);
  const fold = new Int32Array(y.length);
  let offset = 0;
  for (const members of indicesByClass(y)) {
    shuffle(members, random);
    // continuing the round-robin across classes keeps fold sizes within one row of each other
    members.forEach((row, i) => (fold[row] = (offset + i) % k));
    offset = (offset + members.length) % k;
  }
  return fold;
}

export interface Split {
  train: number[];
  test: number[];
}

/** A stratified hold-out split: `testShare` of each class goes to `test`. */
export function stratifiedSplit(y: ArrayLike<number>, testShare: number, seed: number): Split {
  if (!(testShare > 0 && testShare < 1)) throw new Error("testShare must be in (0, 1)");
  const random = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of indicesByClass(y)) {
    shuffle(members, random);
    const cut = Math.round(members.length * testShare);
    test.push(...members.slice(0, cut));
    train.push(...members.slice(cut));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

export function foldSplit(fold: Int32Array, k: number): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === k ? test : train).push(i);
  return { train, test };
}
