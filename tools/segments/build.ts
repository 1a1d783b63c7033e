import { BadInputError } from "../../src/core/errors.js";
import { chooseClustering, nearestTwo } from "./cluster.js";
import { accountVector, existsAt, fitScaler, indexData, SEGMENT_FEATURES, standardize, type AccountVector, type FeatureIndex, type Scaler } from "./features.js";
import { labelClusters } from "./labels.js";
import { migrationInputs, migrationProbability, migrationSamples, riskDrivers, trainMigration, type MigrationModel } from "./migration.js";
import { buildProfile, segmentKey, type SegmentProfile } from "./profiles.js";
import { migrationReasons, retentionActions, type Direction } from "./retention.js";
import { euclidean } from "./silhouette.js";
import { DAY_MS, type SegmentationData } from "./types.js";

/** Builds the segmentation of the accounts as of a moment: clusters, stable labels, profiles, migration model. */
export interface SegmentationModel {
  version: 1;
  runId: string;
  asOf: string;
  builtAt: string;
  features: string[];
  scaler: Scaler;
  k: number;
  silhouette: number;
  silhouettes: { k: number; silhouette: number }[];
  segments: { key: string; label: string; centroid: number[]; z: number[] }[];
  migration: MigrationModel;
}

export interface Membership {
  accountId: string;
  account: string;
  segmentKey: string;
  distance: number;
}

export interface Segmentation {
  model: SegmentationModel;
  profiles: SegmentProfile[];
  memberships: Membership[];
}

export interface BuildOptions {
  asOf: number;
  runId: string;
  builtAt: string;
  k?: number;
  /** Choose k by silhouette again even though a previous build fixed it. */
  chooseK?: boolean;
  seed?: number;
  previous?: SegmentationModel;
}

const CHANNEL_WINDOW_DAYS = 365;
const LOW_RISK = 0.25;

export function buildSegmentation(data: SegmentationData, options: BuildOptions): Segmentation {
  const index = indexData(data);
  const { asOf } = options;
  const accounts = data.accounts.filter((a) => existsAt(a, index, asOf));
  if (accounts.length < 8) throw new BadInputError(`segmentation needs at least 8 accounts; the CRM has ${accounts.length}`);
  if (options.k !== undefined && (options.k < 2 || options.k >= accounts.length)) {
    throw new BadInputError(`k must be between 2 and ${accounts.length - 1}`);
  }
  const vectors = accounts.map((a) => accountVector(a, index, asOf));
  const scaler = fitScaler(vectors.map((v) => v.x));
  const Z = vectors.map((v) => standardize(scaler, v.x));
  // a rebuild keeps the previous k (so segments, and their names, persist) unless told otherwise
  const k = options.k ?? (options.previous && !options.chooseK && options.previous.k < accounts.length ? options.previous.k : undefined);
  const { chosen, scores } = chooseClustering(Z, { k, seed: options.seed ?? 1 });

  const previous = (options.previous?.segments ?? []).map((s) => ({ label: s.label, z: standardize(scaler, s.centroid) }));
  const labels = labelClusters(chosen.centroids, previous);
  // present segments from the most valuable down, whatever order k-means found them in
  const LTV = SEGMENT_FEATURES.indexOf("lifetime_value");
  const order = chosen.centroids.map((c, i) => i).sort((a, b) => chosen.centroids[b]![LTV]! - chosen.centroids[a]![LTV]! || labels[a]!.localeCompare(labels[b]!));
  const centroidsZ = order.map((i) => chosen.centroids[i]!);
  const segLabels = order.map((i) => labels[i]!);
  const assignment = chosen.labels.map((c) => order.indexOf(c));

  const rawCentroids = centroidsZ.map((z) => z.map((v, j) => v * scaler.sds[j]! + scaler.means[j]!));
  const segments = segLabels.map((label, s) => ({ key: segmentKey(label), label, centroid: rawCentroids[s]!, z: centroidsZ[s]! }));

  const profiles = segments.map((seg, s) => {
    const members = vectors.filter((_, i) => assignment[i] === s);
    return buildProfile({
      label: seg.label,
      members,
      channels: channelsOf(members, index, asOf),
      wonDealValues: wonValues(members, index, asOf),
      zCentroid: seg.z,
      totalAccounts: accounts.length,
    });
  });

  const migration = trainMigration(migrationSamples(accounts, index, scaler, centroidsZ, asOf));
  const memberships = vectors.map((v, i) => ({
    accountId: v.account.id,
    account: v.account.name,
    segmentKey: segments[assignment[i]!]!.key,
    distance: Math.round(euclidean(Z[i]!, centroidsZ[assignment[i]!]!) * 1000) / 1000,
  }));
  return {
    model: {
      version: 1,
      runId: options.runId,
      asOf: new Date(asOf).toISOString(),
      builtAt: options.builtAt,
      features: [...SEGMENT_FEATURES],
      scaler,
      k: chosen.k,
      silhouette: chosen.silhouette,
      silhouettes: scores,
      segments,
      migration,
    },
    profiles,
    memberships,
  };
}

function channelsOf(members: readonly AccountVector[], index: FeatureIndex, asOf: number): string[] {
  const from = asOf - CHANNEL_WINDOW_DAYS * DAY_MS;
  return members.flatMap((m) => (index.activities.get(m.account.id) ?? []).filter((a) => a.occurredAt > from && a.occurredAt <= asOf && a.kind !== "note").map((a) => a.kind));
}

function wonValues(members: readonly AccountVector[], index: FeatureIndex, asOf: number): number[] {
  return members.flatMap((m) =>
    (index.deals.get(m.account.id) ?? []).filter((d) => d.stage === "won" && d.closedAt !== null && d.closedAt <= asOf).map((d) => d.closeValue ?? d.amount),
  );
}

export interface AccountSegmentView {
  accountId: string;
  account: string;
  segment: { key: string; label: string };
  distance: number;
  migration: {
    probability: number;
    periodDays: number;
    likelyDestination: { key: string; label: string };
    direction: Direction;
    reasons: string[];
    retentionActions: string[];
  };
}

/** Where an account sits now and how likely it is to move next period, with reasons and actions. */
export function describeAccount(model: SegmentationModel, data: SegmentationData, accountId: string, asOf: number): AccountSegmentView | undefined {
  const account = data.accounts.find((a) => a.id === accountId);
  if (!account) return undefined;
  const index = indexData(data);
  const centroids = model.segments.map((s) => s.z);
  const zNow = standardize(model.scaler, accountVector(account, index, asOf).x);
  const zPrev = standardize(model.scaler, accountVector(account, index, asOf - model.migration.periodDays * DAY_MS).x);
  const { first, second, d1 } = nearestTwo(zNow, centroids);
  const x = migrationInputs(zNow, zPrev, centroids);
  const probability = migrationProbability(model.migration, x);
  const drivers = riskDrivers(model.migration, x);
  const here = model.segments[first]!;
  const there = model.segments[second] ?? here;
  const value = (z: readonly number[]) => z[SEGMENT_FEATURES.indexOf("lifetime_value")]! + z[SEGMENT_FEATURES.indexOf("monetary")]!;
  const gap = value(there.z) - value(here.z);
  const direction: Direction = gap < -0.25 ? "down" : gap > 0.25 ? "up" : "sideways";
  return {
    accountId,
    account: account.name,
    segment: { key: here.key, label: here.label },
    distance: Math.round(d1 * 1000) / 1000,
    migration: {
      probability: Math.round(probability * 1000) / 1000,
      periodDays: model.migration.periodDays,
      likelyDestination: { key: there.key, label: there.label },
      direction,
      // a low risk needs no explanation; listing what nudges it up would only alarm
      reasons: probability >= LOW_RISK ? migrationReasons(drivers) : [],
      retentionActions: retentionActions({ probability, direction, destination: there.label, drivers }),
    },
  };
}
