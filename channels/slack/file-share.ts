import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../src/core/logger.js";

/** Transcript files a rep can share with the bot; anything else is left alone. */
const TRANSCRIPT_EXTENSIONS = /\.(?:txt|vtt|srt|json)$/i;
const MAX_FILES = 3;
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

const SlackFile = z.looseObject({
  id: z.string().regex(/^F[A-Z0-9]{2,32}$/),
  name: z.string().max(500).optional(),
  size: z.number().optional(),
});
export type SlackFile = z.infer<typeof SlackFile>;

const WithFiles = z.looseObject({ files: z.array(z.unknown()).min(1).max(20) });

/** The transcript files of a `file_share` message or a mention that carries files; undefined when none. */
export function sharedTranscriptFiles(event: unknown): SlackFile[] | undefined {
  const parsed = WithFiles.safeParse(event);
  if (!parsed.success) return undefined;
  const files = parsed.data.files
    .map((f) => SlackFile.safeParse(f))
    .filter((r) => r.success)
    .map((r) => r.data!)
    .filter((f) => TRANSCRIPT_EXTENSIONS.test(f.name ?? ""));
  return files.length ? files.slice(0, MAX_FILES) : undefined;
}

export interface FileReadOptions {
  botToken: string;
  /** SLACK_API_URL: file URLs on the same host (a fake in tests) are trusted, besides files.slack.com. */
  apiUrl: string;
  logger: Logger;
}

/** The bot token goes only to Slack's own file hosts, never to a URL an event happens to carry. */
export function trustedFileUrl(url: string, apiUrl: string): boolean {
  try {
    const u = new URL(url);
    const api = new URL(apiUrl);
    if (u.origin === api.origin) return true;
    return u.protocol === "https:" && (u.hostname === "files.slack.com" || u.hostname.endsWith(".slack.com") || u.hostname.endsWith(".slack-edge.com"));
  } catch {
    return false;
  }
}

export class SharedFileError extends Error {}

/**
 * Reads shared transcript files as text: `files.info` for the private download URL (the event's copy may
 * be partial), then the file itself with the bot token. Needs the `files:read` scope. Files are joined by a
 * blank line; a file that cannot be read is a SharedFileError with a reason a person can act on.
 */
export async function readSharedFiles(client: webApi.WebClient, files: SlackFile[], options: FileReadOptions): Promise<string> {
  const texts: string[] = [];
  for (const f of files) {
    const info = await client.files.info({ file: f.id });
    const file = info.file;
    if (!file) throw new SharedFileError(`I couldn't open ${f.name ?? f.id}.`);
    if ((file.size ?? 0) > MAX_FILE_BYTES) throw new SharedFileError(`${file.name ?? f.id} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
    const url = file.url_private_download ?? file.url_private;
    if (!url || !trustedFileUrl(url, options.apiUrl)) throw new SharedFileError(`I couldn't download ${file.name ?? f.id}.`);
    const res = await fetch(url, { headers: { authorization: `Bearer ${options.botToken}` }, redirect: "follow", signal: AbortSignal.timeout(15_000) });
    if (!res.ok) {
      options.logger.warn({ file: f.id, status: res.status }, "slack file download failed");
      throw new SharedFileError(`I couldn't download ${file.name ?? f.id} (HTTP ${res.status}).`);
    }
    const body = await res.text();
    if (body.length > MAX_FILE_BYTES) throw new SharedFileError(`${file.name ?? f.id} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
    // Slack answers an unauthorised download with its sign-in page, not an error status.
    if (/^\s*<!doctype html|^\s*<html/i.test(body)) throw new SharedFileError(`I couldn't download ${file.name ?? f.id}: the app needs the files:read scope.`);
    texts.push(body);
  }
  return texts.join("\n\n");
}
