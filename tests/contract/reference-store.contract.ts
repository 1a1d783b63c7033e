import { expect, it } from "vitest";
import type { ConversationReferenceStore } from "../../channels/teams/conversation-references.js";

/** What every ConversationReferenceStore must do, run against each implementation. */
export function describeReferenceStore(label: string, make: () => ConversationReferenceStore) {
  const reference = {
    serviceUrl: "https://smba.trafficmanager.net/emea/",
    channelId: "msteams",
    conversation: { id: "a:1personal", conversationType: "personal", isGroup: false, name: "" },
    user: { id: "29:user", name: "Rep" },
    bot: { id: "28:bot", name: "Salesgraph" },
  };

  it(`${label}: finds nothing for an unknown user`, async () => {
    expect(await make().find("aad-nobody")).toBeUndefined();
  });

  it(`${label}: returns what was saved, and the latest save wins`, async () => {
    const store = make();
    await store.save("aad-1", reference);
    expect(await store.find("aad-1")).toEqual(reference);
    const moved = { ...reference, serviceUrl: "https://smba.trafficmanager.net/amer/" };
    await store.save("aad-1", moved);
    expect(await store.find("aad-1")).toEqual(moved);
  });

  it(`${label}: keeps users apart and hands out copies`, async () => {
    const store = make();
    await store.save("aad-2", reference);
    const found = await store.find("aad-2");
    found!.serviceUrl = "https://evil.example/";
    expect((await store.find("aad-2"))?.serviceUrl).toBe(reference.serviceUrl);
    expect(await store.find("aad-3")).toBeUndefined();
  });
}
