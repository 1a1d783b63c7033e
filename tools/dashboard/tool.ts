import { z } from "zod";
import { defineTool } from "../registry.js";

export const DashboardLinkInput = z.object({}).describe("No arguments: the link is for the verified person asking.");

export interface DashboardLinkOutput {
  url: string | null;
  expiresInMinutes?: number;
  note?: string;
}

/**
 * Internal: a short-lived, single-use sign-in link to the manager dashboard for the verified Slack or Teams user
 * asking. The subject comes from the verified context, never from the model or the message.
 */
export function createDashboardLinkTool(deps: { issue(subject: string): string | undefined; minutes: number }) {
  return defineTool({
    name: "dashboard_link",
    description: "Give the asking rep or manager a short-lived sign-in link to the manager dashboard (pipeline, leads, segments, intel, conversations).",
    audience: "internal",
    schema: DashboardLinkInput,
    run: async (_input, context): Promise<DashboardLinkOutput> => {
      if (context.channel !== "slack" && context.channel !== "teams") {
        return { url: null, note: "Dashboard links are given in Slack or Teams; elsewhere sign in with the admin password at /dashboard." };
      }
      const url = deps.issue(`${context.channel}:${context.actor.id}`);
      if (!url) return { url: null, note: "The dashboard link is not set up: it needs PUBLIC_BASE_URL and SALESGRAPH_ADMIN_PASSWORD or DASHBOARD_SESSION_SECRET." };
      return { url, expiresInMinutes: deps.minutes };
    },
  });
}
