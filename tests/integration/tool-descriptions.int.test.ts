import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContainer, type Container } from "../../src/app/container.js";
import { loadConfig } from "../../src/core/config.js";
import { silentLogger } from "../../src/core/logger.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { undescribedPaths } from "../helpers/undescribed.js";

/**
 * Every tool the composition root registers is shown to a model with a description on the tool, on its
 * parameters and on every field, nested ones included — checked on the JSON Schema the model receives.
 */
describe("tool descriptions", () => {
  let db: TestDatabase;
  let container: Container;
  let tmp: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sg-tool-descriptions-"));
    db = await openTestDatabase("pglite");
    container = await createContainer(loadConfig({ LOG_LEVEL: "silent", SALESGRAPH_DATA_DIR: tmp }), { db, logger: silentLogger() });
  });

  afterAll(async () => {
    await container?.close();
    await db?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function shownToModel() {
    const manager = { actor: { id: "U-manager", role: "manager" as const, tenant: "demo" }, channel: "cli" as const, conversationId: "descriptions" };
    return container.tools.asLangChainTools(manager).map((t) => convertToOpenAITool(t).function);
  }

  it("shows a manager every registered tool", () => {
    expect(shownToModel().map((f) => f.name).sort()).toEqual(container.tools.names().sort());
  });

  it("describes every tool, its parameters and each of their fields", () => {
    const gaps = shownToModel().flatMap((f) => [
      ...((f.description ?? "").trim().length < 20 ? [`${f.name}: tool description`] : []),
      ...undescribedPaths(f.parameters).map((p) => `${f.name}: ${p}`),
    ]);
    expect(gaps).toEqual([]);
  });
});
