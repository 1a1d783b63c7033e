import { seededRandom } from "../../src/core/random.js";

/** A small seeded generator (mulberry32): simulations and tie-breaks must repeat exactly for a given seed. */
export interface Random {
  next(): number;
}

export function createRandom(seed: number): Random {
  return { next: seededRandom(seed) };
}
