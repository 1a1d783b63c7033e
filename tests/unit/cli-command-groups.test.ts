import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/app/cli/index.js";
import { COMMAND_GROUPS, commandWord } from "../../src/app/cli/command-groups.js";

const io = { env: {}, stdout: process.stdout, stdin: process.stdin };

describe("CLI command groups", () => {
  it("lists, for --help, exactly the commands and descriptions the modules register", async () => {
    const full = await buildProgram(io, [], "all");
    const registered = Object.fromEntries(full.commands.map((c) => [c.name(), c.description()]));
    const listed = Object.assign({}, ...COMMAND_GROUPS.map((g) => g.commands));
    expect(listed).toEqual(registered);
  }, 60_000);

  it("finds the command word past options, and through 'help X'", () => {
    expect(commandWord(["--verbose", "leads", "train"])).toBe("leads");
    expect(commandWord(["help", "route"])).toBe("route");
    expect(commandWord(["--help"])).toBeUndefined();
  });

  it("loads no command module for --help", async () => {
    const program = await buildProgram(io, ["--help"]);
    expect(program.commands.every((c) => c.commands.length === 0)).toBe(true);
  });
});
