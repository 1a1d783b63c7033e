import { benchChannels } from "./channels.js";
import { benchCliStart } from "./cli-start.js";
import { benchKnowledge } from "./knowledge.js";
import { benchLeads } from "./leads.js";
import { profileTurns } from "./turn-profile.js";
import { benchTurns } from "./turns.js";

/**
 * `npm run bench [-- NAME ...]`: prints figures; never asserts (speed targets live here, not in tests).
 * BENCH_DATABASE_URL picks the PostgreSQL server (default: the local one; "none" skips it).
 */
const BENCHES: Record<string, () => Promise<string>> = {
  turns: () =>
    benchTurns({
      turns: Number(process.env.BENCH_TURNS ?? 300),
      postgresUrl:
        process.env.BENCH_DATABASE_URL === "none"
          ? undefined
          : (process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test"),
    }),
  "turn-profile": () =>
    profileTurns({ turns: Number(process.env.BENCH_TURNS ?? 300), postgresUrl: process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test" }),
  channels: () => benchChannels(),
  leads: () => benchLeads(),
  knowledge: () => benchKnowledge(),
  "cli-start": () => benchCliStart(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(`bench: unknown benchmark '${name}' (have: ${Object.keys(BENCHES).join(", ")})\n`);
    process.exit(2);
  }
  process.stdout.write(`\n## ${name}\n${await bench()}\n`);
}
