import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock } from "../../src/core/clock.js";
import type { IntelStore } from "../../src/core/intel.js";
import { toDigestItem, type DigestItem } from "./digest.js";

/** The demo knowledge base's internal battlecards; deployments point INTEL_BATTLECARDS_DIR at their own. */
export const DEMO_BATTLECARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../knowledge/demo/internal/battlecards");

export const CARD_SECTIONS = ["strengths", "weaknesses", "landmines", "objectionHandling", "proofPoints"] as const;
export type CardSection = (typeof CARD_SECTIONS)[number];

const SECTION_TITLES: Record<CardSection, string> = {
  strengths: "Their strengths (when we lose)",
  weaknesses: "Their weaknesses (when we win)",
  landmines: "Landmines to lay",
  objectionHandling: "Objection handling",
  proofPoints: "Proof points",
};

/** Which of the five sections a Markdown heading of a battlecard fills; others are kept as notes. */
const HEADING_TO_SECTION: [RegExp, CardSection][] = [
  [/when we lose|their strengths|^strengths/i, "strengths"],
  [/when we win|their weaknesses|^weaknesses/i, "weaknesses"],
  [/landmine/i, "landmines"],
  [/objection/i, "objectionHandling"],
  [/proof|case stud|reference|win stor/i, "proofPoints"],
];

export interface Battlecard {
  competitor: string;
  version: number;
  updatedAt: string;
  file: string;
  sections: Record<CardSection, string[]>;
  /** Other sections of the Markdown (quick take, pricing notes…), by heading. */
  notes: { heading: string; lines: string[] }[];
  recentIntel: DigestItem[];
  markdown: string;
}

export function parseBattlecard(markdown: string, fallbackName: string): Omit<Battlecard, "version" | "updatedAt" | "file" | "recentIntel"> {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  const title = /^#\s+(?:Battlecard:\s*)?(.+)$/m.exec(body)?.[1]?.trim() ?? fallbackName;
  const sections = Object.fromEntries(CARD_SECTIONS.map((s) => [s, [] as string[]])) as Record<CardSection, string[]>;
  const notes: { heading: string; lines: string[] }[] = [];
  let current: string[] | undefined;
  let paragraph: string[] = [];
  const flush = () => {
    if (current && paragraph.length) current.push(paragraph.join(" "));
    paragraph = [];
  };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    const heading = /^##\s+(.+)$/.exec(line);
    if (heading) {
      flush();
      const name = heading[1]!.trim();
      const section = HEADING_TO_SECTION.find(([re]) => re.test(name))?.[1];
      if (section) current = sections[section];
      else {
        const note = { heading: name, lines: [] as string[] };
        notes.push(note);
        current = note.lines;
      }
      continue;
    }
    if (/^#\s/.test(line)) continue;
    if (!line) {
      flush();
      continue;
    }
    if (/^[-*]\s+/.test(line)) {
      flush();
      paragraph = [line.replace(/^[-*]\s+/, "")];
    } else paragraph.push(line);
  }
  flush();
  return { competitor: title, sections, notes, markdown };
}

const sameName = (a: string, b: string) => a.toLowerCase().replace(/[^a-z0-9]/g, "") === b.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Battlecards are Markdown files in the knowledge base (one per competitor), edited there. Each read checks
 * the file against the latest stored version and stores a new version when it changed, so every edit is kept
 * (intel_battlecards). The card served to reps is the file's five sections plus the last 30 days of intel.
 */
export function createBattlecards(deps: { store: IntelStore; clock: Clock; dir?: string }) {
  const dir = deps.dir ?? DEMO_BATTLECARDS_DIR;

  async function files(): Promise<{ name: string; file: string; markdown: string }[]> {
    let names: string[] = [];
    try {
      names = (await fs.readdir(dir)).filter((n) => n.endsWith(".md")).sort();
    } catch {
      return [];
    }
    return Promise.all(
      names.map(async (n) => {
        const markdown = await fs.readFile(path.join(dir, n), "utf8");
        return { name: parseBattlecard(markdown, n.replace(/\.md$/, "")).competitor, file: path.join(dir, n), markdown };
      }),
    );
  }

  return {
    async list(): Promise<string[]> {
      const fromFiles = (await files()).map((f) => f.name);
      const fromIntel = await deps.store.competitors();
      return [...new Set([...fromFiles, ...fromIntel.filter((c) => !fromFiles.some((f) => sameName(f, c)))])];
    },

    async get(competitor: string): Promise<Battlecard | undefined> {
      const found = (await files()).find((f) => sameName(f.name, competitor) || sameName(path.basename(f.file, ".md"), competitor));
      const since = new Date(deps.clock.now().getTime() - 30 * 86_400_000);
      if (!found) return undefined;
      const card = parseBattlecard(found.markdown, competitor);
      const version = await deps.store.saveBattlecard({
        competitor: card.competitor,
        markdown: found.markdown,
        contentHash: createHash("sha256").update(found.markdown).digest("hex"),
        source: path.relative(process.cwd(), found.file) || found.file,
      });
      const changes = await deps.store.changesSince(since, { competitor: card.competitor });
      return {
        ...card,
        version: version.version,
        updatedAt: version.createdAt.toISOString(),
        file: found.file,
        recentIntel: changes.filter((c) => c.detail.kind !== "text_changed").map(toDigestItem),
      };
    },
  };
}

export type Battlecards = ReturnType<typeof createBattlecards>;

export function renderBattlecard(card: Battlecard): string {
  const out = [`Battlecard: ${card.competitor} (version ${card.version}, ${card.updatedAt.slice(0, 10)}) — internal only`];
  const quick = card.notes.find((n) => /quick take|summary/i.test(n.heading));
  if (quick) out.push("", quick.lines.join(" "));
  for (const s of CARD_SECTIONS) {
    out.push("", `## ${SECTION_TITLES[s]}`);
    out.push(...(card.sections[s].length ? card.sections[s].map((l) => `- ${l}`) : ["- (none yet: add a section to the battlecard in the knowledge base)"]));
  }
  for (const note of card.notes.filter((n) => n !== quick)) out.push("", `## ${note.heading}`, ...note.lines.map((l) => `- ${l}`));
  if (card.recentIntel.length) {
    out.push("", "## Recent intel (30 days)");
    for (const i of card.recentIntel.slice(0, 8)) out.push(`- ${i.summary} — ${i.link} [S${i.snapshotId}]`);
  }
  return out.join("\n");
}
