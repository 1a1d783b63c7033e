/**
 * Mean silhouette coefficient of a clustering (Rousseeuw 1987) with Euclidean distance: for each point,
 * (b − a) / max(a, b) where a is its mean distance to its own cluster and b to the nearest other cluster.
 * Points alone in their cluster score 0.
 */
export function euclidean(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return Math.sqrt(s);
}

export function silhouetteScores(points: readonly (readonly number[])[], labels: readonly number[]): number[] {
  const k = Math.max(...labels) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (const l of labels) sizes[l]!++;
  return points.map((p, i) => {
    if (sizes[labels[i]!]! <= 1) return 0;
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j++) if (j !== i) sums[labels[j]!]! += euclidean(p, points[j]!);
    const a = sums[labels[i]!]! / (sizes[labels[i]!]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== labels[i] && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (!Number.isFinite(b)) return 0;
    const m = Math.max(a, b);
    return m === 0 ? 0 : (b - a) / m;
  });
}

export function silhouette(points: readonly (readonly number[])[], labels: readonly number[]): number {
  const s = silhouetteScores(points, labels);
  return s.reduce((a, b) => a + b, 0) / s.length;
}
