/**
 * The keywords Twilio itself acts on for long codes (its default opt-out management). We mirror them so our
 * consent store agrees with what the carrier already does.
 */
export const OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"] as const;
export const OPT_IN_KEYWORDS = ["START", "UNSTOP", "YES"] as const;
export const HELP_KEYWORDS = ["HELP", "INFO"] as const;

export type SmsKeyword = "opt_out" | "opt_in" | "help";

/** A keyword is the whole message, any case, surrounding spaces and trailing punctuation ignored ("Stop." counts, "stop it" does not). */
export function smsKeyword(body: string): SmsKeyword | undefined {
  const word = body.trim().replace(/[.!?\s]+$/, "").toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return "opt_out";
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return "opt_in";
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return "help";
  return undefined;
}

/** The HELP answer carriers require: who we are, how to reach a human, how to stop. */
export function helpText(company: { name: string; supportEmail: string; supportPhone: string }): string {
  return `${company.name}: ask us about products, pricing or a demo. Help: ${company.supportEmail} or ${company.supportPhone}. Msg&data rates may apply. Reply STOP to opt out.`;
}
