import type { Clock } from "../../src/core/clock.js";
import { redactPii, type Logger } from "../../src/core/logger.js";
import { buildIcs } from "./ics.js";
import { noInviteMailer, type InviteMailer } from "./mailer.js";
import type { Meeting } from "./repo.js";
import { formatSlot } from "./slots.js";

export type Change = "booked" | "rescheduled" | "cancelled";

export interface InviteDeps {
  clock: Clock;
  companyName: string;
  logger: Logger;
  mailer?: InviteMailer;
  /** ORGANIZER of the invite (the address it is sent from). */
  organizerEmail?: string;
}

/** The calendar invite of a meeting, and its delivery by email when a mailer and an address are known. */
export function createInvites(deps: InviteDeps) {
  const mailer = deps.mailer ?? noInviteMailer;
  const summary = `${deps.companyName} product demo`;

  function ics(m: Meeting, change: Change): string {
    return buildIcs({
      uid: m.icsUid,
      sequence: m.icsSequence,
      method: change === "cancelled" ? "CANCEL" : "REQUEST",
      start: new Date(m.startsAt),
      end: new Date(m.endsAt),
      stamp: deps.clock.now(),
      summary,
      description: `Your ${deps.companyName} demo with a member of our team. The video link follows by email.`,
      location: "Online",
      organizerEmail: deps.organizerEmail,
      attendeeEmail: m.email ?? undefined,
    });
  }

  /** Builds the invite and emails it; a failed email is logged and reported as `emailed: false`, never thrown. */
  async function deliver(m: Meeting, change: Change, timeZone: string): Promise<{ ics: string; emailed: boolean }> {
    const text = ics(m, change);
    if (!mailer.enabled || !m.email) return { ics: text, emailed: false };
    const when = formatSlot(m.startsAt, timeZone);
    const subject = { booked: `Your ${summary}: ${when}`, rescheduled: `Moved: ${summary}, now ${when}`, cancelled: `Cancelled: ${summary} on ${when}` }[change];
    try {
      await mailer.send({ to: m.email, subject, text: `${subject}\n\nThe calendar invite is attached.`, ics: text, method: change === "cancelled" ? "CANCEL" : "REQUEST" });
      return { ics: text, emailed: true };
    } catch (error) {
      deps.logger.warn({ meetingId: m.id, change, error: redactPii(String((error as Error).message)) }, "demo invite email failed");
      return { ics: text, emailed: false };
    }
  }

  return { ics, deliver };
}
