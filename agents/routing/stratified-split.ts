import { seededRandom } from "../../src/core/random.js";
import { shuffleInPlace } from "./softmax-regression.js";

/** Per-label split with a seeded shuffle: `fraction` of each label goes to the second part. */
export function stratifiedSplit<T>(
  items: readonly T[],
  labelOf: (item: T) => string,
  fraction: number,
  seed: number,
): [T[], T[]] {
  const byLabel = new Map<string, T[]>();
  for (const item of items) {
    const label = labelOf(item);
    const group = byLabel.get(label);
    if (group) group.push(item);
    else byLabel.set(label, [item]);
  }
  const random = seededRandom(seed);
  const kept: T[] = [];
  const held: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = byLabel.get(label)!;
    shuffleInPlace(group, random);
    const cut = Math.round(group.length * fraction);
    held.push(...group.slice(0, cut));
    kept.push(...group.slice(cut));
  }
  return [kept, held];
}
