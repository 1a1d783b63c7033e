import { describe, expect, it } from "vitest";
import { verifySlackRequest } from "../../channels/slack/verify-request.js";
import { verifyTwilioRequest } from "../../channels/sms/verify-request.js";

/**
 * The signing examples the platforms publish, checked with the same functions the webhooks use. A verifier
 * that disagrees with the platform's own worked example would reject every genuine request.
 */
describe("published signature examples", () => {
  // Slack, "Verifying requests from Slack" (api.slack.com/authentication/verifying-requests-from-slack):
  // the slash-command example request, signing secret and expected X-Slack-Signature.
  const slack = {
    secret: "8f742231b10e8888abcd99yyyzzz85a5",
    timestamp: 1531420618,
    body:
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
    signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
  };
  const slackHeaders = (signature: string) => ({ "x-slack-signature": signature, "x-slack-request-timestamp": String(slack.timestamp) });
  const nowMs = slack.timestamp * 1000 + 30_000;

  it("accepts Slack's documented example request", () => {
    expect(verifySlackRequest({ signingSecret: slack.secret, body: slack.body, headers: slackHeaders(slack.signature), nowMs })).toEqual({
      ok: true,
      timestampSec: slack.timestamp,
    });
  });

  it("rejects Slack's example with one byte of the body, the secret or the signature changed", () => {
    const flipped = slack.signature.slice(0, -1) + (slack.signature.endsWith("3") ? "4" : "3");
    expect(verifySlackRequest({ signingSecret: slack.secret, body: `${slack.body}x`, headers: slackHeaders(slack.signature), nowMs }).ok).toBe(false);
    expect(verifySlackRequest({ signingSecret: `${slack.secret}0`, body: slack.body, headers: slackHeaders(slack.signature), nowMs }).ok).toBe(false);
    expect(verifySlackRequest({ signingSecret: slack.secret, body: slack.body, headers: slackHeaders(flipped), nowMs }).ok).toBe(false);
  });

  it("rejects Slack's example replayed more than five minutes later", () => {
    const late = slack.timestamp * 1000 + 5 * 60_000 + 1_000;
    expect(verifySlackRequest({ signingSecret: slack.secret, body: slack.body, headers: slackHeaders(slack.signature), nowMs: late }).ok).toBe(false);
  });

  // Twilio, the request-validation example of its PHP helper library documentation (docs/usage/validation.rst):
  // auth token, webhook URL with a query string, POST parameters and the expected X-Twilio-Signature.
  const twilio = {
    authToken: "12345",
    url: "https://mycompany.com/myapp.php?foo=1&bar=2",
    params: { CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" },
    signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
  };

  it("accepts Twilio's documented example request", () => {
    expect(verifyTwilioRequest({ ...twilio })).toEqual({ ok: true });
  });

  it("rejects Twilio's example with a parameter, the URL or the token changed, and without a signature", () => {
    expect(verifyTwilioRequest({ ...twilio, params: { ...twilio.params, Digits: "1235" } })).toMatchObject({ ok: false, status: 403 });
    expect(verifyTwilioRequest({ ...twilio, url: "http://mycompany.com/myapp.php?foo=1&bar=2" })).toMatchObject({ ok: false, status: 403 });
    expect(verifyTwilioRequest({ ...twilio, authToken: "123456" })).toMatchObject({ ok: false, status: 403 });
    expect(verifyTwilioRequest({ ...twilio, signature: undefined })).toMatchObject({ ok: false, status: 400 });
  });
});
