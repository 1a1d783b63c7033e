import { kmeans } from "ml-kmeans";
import { euclidean, silhouette } from "./silhouette.js";

/** k-means with seeded k-means++ restarts; k chosen by the mean silhouette unless given. */
export interface Clustering {
  k: number;
  labels: number[];
  centroids: number[][];
  inertia: number;
  silhouette: number;
}

export interface ClusterOptions {
  k?: number;
  kMin?: number;
  kMax?: number;
  restarts?: number;
  seed?: number;
}

function inertiaOf(points: readonly number[][], labels: readonly number[], centroids: readonly number[][]): number {
  return points.reduce((s, p, i) => s + euclidean(p, centroids[labels[i]!]!) ** 2, 0);
}

export function fitKMeans(points: number[][], k: number, restarts = 10, seed = 1): Clustering {
  let best: Clustering | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = kmeans(points, k, { seed: seed + r, initialization: "kmeans++", maxIterations: 300 });
    const labels = result.clusters;
    if (new Set(labels).size < k) continue;
    const inertia = inertiaOf(points, labels, result.centroids);
    if (!best || inertia < best.inertia - 1e-9) best = { k, labels, centroids: result.centroids, inertia, silhouette: NaN };
  }
  if (!best) throw new Error(`k-means found no clustering with ${k} non-empty clusters`);
  best.silhouette = silhouette(points, best.labels);
  return best;
}

export interface KChoice {
  chosen: Clustering;
  /** Mean silhouette for each k tried. */
  scores: { k: number; silhouette: number }[];
}

export function chooseClustering(points: number[][], options: ClusterOptions = {}): KChoice {
  const restarts = options.restarts ?? 10;
  const seed = options.seed ?? 1;
  if (options.k !== undefined) {
    const chosen = fitKMeans(points, options.k, restarts, seed);
    return { chosen, scores: [{ k: options.k, silhouette: chosen.silhouette }] };
  }
  const kMax = Math.min(options.kMax ?? 8, points.length - 1);
  const kMin = Math.min(options.kMin ?? 3, kMax);
  const scores: { k: number; silhouette: number }[] = [];
  let chosen: Clustering | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const c = fitKMeans(points, k, restarts, seed);
    scores.push({ k, silhouette: c.silhouette });
    if (!chosen || c.silhouette > chosen.silhouette + 1e-9) chosen = c;
  }
  return { chosen: chosen!, scores };
}

export function nearestTwo(x: readonly number[], centroids: readonly (readonly number[])[]): { first: number; second: number; d1: number; d2: number } {
  let first = -1;
  let second = -1;
  let d1 = Infinity;
  let d2 = Infinity;
  centroids.forEach((c, i) => {
    const d = euclidean(x, c);
    if (d < d1) {
      second = first;
      d2 = d1;
      first = i;
      d1 = d;
    } else if (d < d2) {
      second = i;
      d2 = d;
    }
  });
  return { first, second, d1, d2 };
}
