import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySlackRequest } from "./verify-request.js";

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const TS = 1531420618;
const DOCUMENTED_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

function headers(signature: string | undefined, ts: number | string | undefined = TS) {
  return { "x-slack-signature": signature, "x-slack-request-timestamp": ts === undefined ? undefined : String(ts) };
}

describe("verifySlackRequest", () => {
  const nowMs = TS * 1000 + 10_000;

  it("accepts Slack's documented example request", () => {
    expect(verifySlackRequest({ signingSecret: SECRET, body: BODY, headers: headers(DOCUMENTED_SIGNATURE), nowMs })).toEqual({ ok: true, timestampSec: TS });
  });

  it("computes the same HMAC as the recipe v0:{ts}:{body}", () => {
    const own = `v0=${createHmac("sha256", SECRET).update(`v0:${TS}:${BODY}`).digest("hex")}`;
    expect(own).toBe(DOCUMENTED_SIGNATURE);
  });

  it("rejects a Slack request signed with the wrong secret", () => {
    const wrong = `v0=${createHmac("sha256", "other").update(`v0:${TS}:${BODY}`).digest("hex")}`;
    expect(verifySlackRequest({ signingSecret: SECRET, body: BODY, headers: headers(wrong), nowMs })).toEqual({ ok: false, reason: "signature mismatch" });
  });

  it("rejects a changed body, a truncated signature and another version prefix", () => {
    for (const [body, signature] of [
      [`${BODY}&x=1`, DOCUMENTED_SIGNATURE],
      [BODY, DOCUMENTED_SIGNATURE.slice(0, -2)],
      [BODY, DOCUMENTED_SIGNATURE.replace("v0=", "v1=")],
      [BODY, DOCUMENTED_SIGNATURE.toUpperCase()],
    ] as const) {
      expect(verifySlackRequest({ signingSecret: SECRET, body, headers: headers(signature), nowMs }).ok).toBe(false);
    }
  });

  it("rejects timestamps more than five minutes away, in either direction", () => {
    const verify = (offsetMs: number) => verifySlackRequest({ signingSecret: SECRET, body: BODY, headers: headers(DOCUMENTED_SIGNATURE), nowMs: TS * 1000 + offsetMs });
    expect(verify(300_000).ok).toBe(true);
    expect(verify(-300_000).ok).toBe(true);
    expect(verify(300_001)).toEqual({ ok: false, reason: "X-Slack-Request-Timestamp is more than 5 minutes from now" });
    expect(verify(-300_001).ok).toBe(false);
  });

  it("rejects missing headers, non-numeric timestamps and an empty secret", () => {
    expect(verifySlackRequest({ signingSecret: SECRET, body: BODY, headers: headers(undefined), nowMs }).ok).toBe(false);
    expect(verifySlackRequest({ signingSecret: SECRET, body: BODY, headers: { "x-slack-signature": DOCUMENTED_SIGNATURE }, nowMs }).ok).toBe(false);
    expect(verifySlackRequest({ signingSecret: SECRET, body: BODY, headers: headers(DOCUMENTED_SIGNATURE, "1531420618.5"), nowMs }).ok).toBe(false);
    expect(verifySlackRequest({ signingSecret: "", body: BODY, headers: headers(DOCUMENTED_SIGNATURE), nowMs }).ok).toBe(false);
  });
});
