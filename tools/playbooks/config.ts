import { createHash } from "node:crypto";
import YAML from "yaml";
import { PlaybooksConfig } from "./schema.js";

export class PlaybookConfigError extends Error {}

/** Parses playbooks YAML (or JSON) and validates it; the first problem is named with its path. */
export function parsePlaybooks(text: string, source = "playbooks"): { config: PlaybooksConfig; hash: string } {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (error) {
    throw new PlaybookConfigError(`${source}: not YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = PlaybooksConfig.safeParse(raw ?? { playbooks: [] });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PlaybookConfigError(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  return { config: parsed.data, hash: createHash("sha256").update(JSON.stringify(parsed.data)).digest("hex").slice(0, 12) };
}
