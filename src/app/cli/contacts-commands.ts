import type { Command } from "commander";
import { openMemoryStore } from "../../infra/postgres/memory-store.js";
import { createDataRightsRepo } from "../../infra/postgres/data-rights-repo.js";
import { createDataRights } from "../data-rights.js";
import type { CliContext } from "./context.js";

/** contacts export | forget: a person's data-subject requests, by email or phone number. */
export function registerContactsCommands(program: Command, ctx: CliContext): void {
  const contacts = program.command("contacts").description("a person's data: export it, or erase it everywhere");

  async function withDataRights<T>(run: (rights: ReturnType<typeof createDataRights>) => Promise<T>): Promise<T> {
    const db = await ctx.openMigratedDatabase();
    const memory = await openMemoryStore(db);
    try {
      return await run(createDataRights({ repo: createDataRightsRepo(db.pool), store: memory.store }));
    } finally {
      await memory.close();
      await db.close();
    }
  }

  contacts
    .command("export")
    .description("print everything the product holds about a person as one JSON document")
    .argument("<email|phone>", "the person's email address or phone number (+14155550134)")
    .action(async (who: string) => {
      const data = await withDataRights((rights) => rights.export(who));
      ctx.print(JSON.stringify(data, null, 2));
    });

  contacts
    .command("forget")
    .description(
      "erase a person everywhere (contacts, leads, conversations and messages, checkpoints, memory, hand-offs, transcripts, consents, meetings) and keep a hashed tombstone so imports and lead capture do not bring them back",
    )
    .argument("<email|phone>", "the person's email address or phone number (+14155550134)")
    .action(async (who: string) => {
      const { identifiers, report } = await withDataRights((rights) => rights.forget(who));
      const removed = Object.entries(report)
        .filter(([, n]) => n > 0)
        .map(([what, n]) => `${n} ${what}`);
      ctx.print(`forgot ${identifiers.join(", ")}: ${removed.length ? removed.join(", ") : "nothing was stored"}`);
    });
}
