/** Competitive intelligence: what is watched, what was seen, what changed (DESIGN.md intel_sources/intel_snapshots). */
export const INTEL_SOURCE_KINDS = ["page", "feed", "file"] as const;
export type IntelSourceKind = (typeof INTEL_SOURCE_KINDS)[number];

export interface IntelSource {
  id: string;
  competitor: string;
  url: string;
  kind: IntelSourceKind;
  /** `config` sources come from config/intel.yaml and are kept in step with it; `cli` ones are added by hand. */
  origin: "cli" | "config";
  etag?: string;
  lastModified?: string;
  lastCheckedAt?: Date;
  lastStatus?: string;
  lastError?: string;
}

export interface FeedItem {
  id: string;
  title: string;
  link?: string;
  published?: string;
  summary?: string;
}

export interface IntelSnapshot {
  id: string;
  sourceId: string;
  fetchedAt: Date;
  contentHash: string;
  /** Main text, one block per line: `# ` headings, `- ` list items. */
  text: string;
  items: FeedItem[];
}

export interface Money {
  amount: number;
  currency: string;
  /** The amount as written on the page, e.g. "$40". */
  text: string;
}

export type IntelChangeDetail =
  | { kind: "price_change"; plan?: string; old: Money; new: Money; unit?: string; changePct: number; oldLine: string; newLine: string }
  | { kind: "feature_added" | "feature_removed"; feature: string; section?: string }
  | { kind: "new_product"; name: string; line: string }
  | { kind: "feed_item"; itemKind: "launch" | "funding" | "hire" | "partnership" | "news"; item: FeedItem }
  | { kind: "text_changed"; before?: string; after?: string; section?: string };

export type IntelChangeKind = IntelChangeDetail["kind"];

export interface IntelChange {
  id: string;
  sourceId: string;
  competitor: string;
  snapshotId: string;
  previousSnapshotId?: string;
  summary: string;
  detail: IntelChangeDetail;
  /** Where to see it: the page, or the feed item's own link. */
  link: string;
  detectedAt: Date;
}

export interface FetchRecord {
  checkedAt: Date;
  status: string;
  error?: string;
  etag?: string;
  lastModified?: string;
}

export interface BattlecardVersion {
  competitor: string;
  version: number;
  markdown: string;
  contentHash: string;
  source: string;
  createdAt: Date;
}

/** Where intel lives (PostgreSQL or PGlite); tools get it injected. */
export interface IntelStore {
  /** Adds a source or, for the same competitor and URL, updates its kind; returns it. */
  addSource(source: { competitor: string; url: string; kind: IntelSourceKind; origin?: "cli" | "config" }): Promise<IntelSource>;
  listSources(filter?: { competitor?: string }): Promise<IntelSource[]>;
  getSource(id: string): Promise<IntelSource | undefined>;
  /** Removes by id, or by competitor and URL; false when nothing matched. */
  removeSource(match: { id: string } | { competitor: string; url: string }): Promise<boolean>;
  /** Makes the `config` sources exactly these (added, kept, or removed); `cli` sources are untouched. */
  syncConfigSources(sources: { competitor: string; url: string; kind: IntelSourceKind }[]): Promise<void>;
  latestSnapshot(sourceId: string): Promise<IntelSnapshot | undefined>;
  recordFetch(sourceId: string, record: FetchRecord): Promise<void>;
  /** Stores a new snapshot and the changes found against the previous one, in one transaction. */
  saveSnapshot(
    snapshot: Omit<IntelSnapshot, "id">,
    changes: Omit<IntelChange, "id" | "snapshotId" | "sourceId">[],
  ): Promise<{ snapshotId: string; changeIds: string[] }>;
  changesSince(since: Date, filter?: { competitor?: string }): Promise<IntelChange[]>;
  competitors(): Promise<string[]>;
  latestBattlecard(competitor: string): Promise<BattlecardVersion | undefined>;
  /** Saves a new version when the content hash differs from the latest; returns the current version. */
  saveBattlecard(card: { competitor: string; markdown: string; contentHash: string; source: string }): Promise<BattlecardVersion>;
  battlecardVersions(competitor: string): Promise<BattlecardVersion[]>;
}
