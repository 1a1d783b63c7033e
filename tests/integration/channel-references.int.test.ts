import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryConversationReferenceStore, type TeamsReference } from "../../channels/teams/conversation-references.js";
import { createChannelReferencesRepo } from "../../src/infra/postgres/channel-references-repo.js";
import { describeReferenceStore } from "../contract/reference-store.contract.js";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

describe("in-memory reference store", () => {
  describeReferenceStore("memory", () => createMemoryConversationReferenceStore());
});

describe.each(await databaseKinds())("channel_references on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  describeReferenceStore(kind, () => createChannelReferencesRepo<TeamsReference>(db.pool, "teams"));

  it("is shared by every process over the same database, per channel", async () => {
    await createChannelReferencesRepo<TeamsReference>(db.pool, "teams").save("aad-shared", { serviceUrl: "https://x.example/" });
    expect(await createChannelReferencesRepo<TeamsReference>(db.pool, "teams").find("aad-shared")).toEqual({ serviceUrl: "https://x.example/" });
    expect(await createChannelReferencesRepo<TeamsReference>(db.pool, "slack").find("aad-shared")).toBeUndefined();
  });
});
