import nodemailer from "nodemailer";

export interface InviteEmail {
  to: string;
  subject: string;
  text: string;
  /** The VCALENDAR text, sent as a text/calendar part and as invite.ics; plain emails (follow-ups) have none. */
  ics?: string;
  method?: "REQUEST" | "CANCEL";
}

/** Sends calendar invites and plain emails (follow-ups). `enabled` is false for the no-op used when no SMTP server is configured. */
export interface InviteMailer {
  readonly enabled: boolean;
  send(email: InviteEmail): Promise<void>;
}

export const noInviteMailer: InviteMailer = { enabled: false, send: async () => undefined };

/** SMTP through nodemailer; `url` as smtp://user:pass@host:port (smtps:// for implicit TLS). */
export function createSmtpInviteMailer(options: { url: string; from: string }): InviteMailer {
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 });
  return {
    enabled: true,
    async send(email) {
      await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.ics ? { icalEvent: { method: email.method ?? "REQUEST", filename: "invite.ics", content: email.ics } } : {}),
      });
    },
  };
}

/** The mailer the configuration asks for: SMTP when SMTP_URL is set, otherwise the no-op. */
export function createInviteMailer(smtp: { url?: string; from: string }): InviteMailer {
  return smtp.url ? createSmtpInviteMailer({ url: smtp.url, from: smtp.from }) : noInviteMailer;
}
