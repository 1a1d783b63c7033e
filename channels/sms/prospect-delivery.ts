import type { ProspectDelivery } from "../../src/core/ports.js";
import type { SmsSender, SmsSendResult } from "./twilio-sender.js";

const REASONS: Record<string, string> = {
  no_consent: "the visitor opted out of messages",
  unsubscribed_at_carrier: "the visitor replied STOP to this number (the carrier blocks messages)",
  invalid_number: "the phone number is not valid",
  quiet_hours: "it is quiet hours where the visitor is",
};

function reasonOf(result: Exclude<SmsSendResult, { status: "sent" }>): string {
  if (result.status === "failed") return `Twilio answered ${result.httpStatus ?? "an error"}${result.code ? ` (code ${result.code})` : ""}`;
  return REASONS[result.reason] ?? result.reason;
}

/**
 * A person's reply to an SMS prospect, through the Twilio REST sender (consent checked there; the carrier's
 * own STOP is honoured too). Other channels have nothing to send through here.
 */
export function createSmsProspectDelivery(sender: SmsSender | undefined): ProspectDelivery {
  return {
    async deliver(channel, to, text) {
      if (channel !== "sms") return { ok: false, reason: `people cannot reply on ${channel} through Salesgraph` };
      if (!sender) return { ok: false, reason: "SMS sending is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER)" };
      const result = await sender.send(to, text);
      return result.status === "sent" ? { ok: true } : { ok: false, reason: reasonOf(result) };
    },
  };
}
