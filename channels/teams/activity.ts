import { z } from "zod";

/** What the HTTP edge demands of any Bot Framework request body before authentication runs. */
export const ActivityEnvelope = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().optional(),
  channelId: z.string().optional(),
});

const Account = z.looseObject({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

const MentionEntity = z.looseObject({
  type: z.literal("mention"),
  text: z.string().optional(),
  mentioned: z.looseObject({ id: z.string() }).optional(),
});

/** The fields of a Teams message activity the adapter reads. */
export const TeamsMessage = z.looseObject({
  type: z.literal("message"),
  id: z.string().optional(),
  channelId: z.string(),
  text: z.string().default(""),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
  }),
  entities: z.array(z.unknown()).default([]),
  channelData: z
    .looseObject({ tenant: z.looseObject({ id: z.string() }).optional() })
    .optional(),
});
export type TeamsMessage = z.infer<typeof TeamsMessage>;

export function mentionsOf(message: TeamsMessage): Array<z.infer<typeof MentionEntity>> {
  return message.entities.flatMap((entity) => {
    const parsed = MentionEntity.safeParse(entity);
    return parsed.success ? [parsed.data] : [];
  });
}

export function tenantOf(message: TeamsMessage): string | undefined {
  return message.conversation.tenantId ?? message.channelData?.tenant?.id;
}
