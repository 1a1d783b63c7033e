/**
 * Remembers inbound platform events so a retried delivery (Slack `X-Slack-Retry-Num`, a repeated Twilio
 * `MessageSid`) runs the conversation once. Shared by every adapter; backed by memory or by the
 * `inbound_events` table when several processes serve the same channel.
 */
export interface EventDeduper {
  /** True the first time (source, id) is seen; false for every later delivery of the same event. */
  firstTime(source: string, id: string): Promise<boolean>;
}
