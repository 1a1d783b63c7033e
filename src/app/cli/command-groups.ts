import type { Command } from "commander";
import type { CliContext } from "./context.js";

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Every top-level command, with the module that defines it, loaded only when that command runs: `--help`,
 * `--version` and a mistyped command never load the graph, the channels or the database driver. The names
 * and descriptions here are what `salesgraph --help` lists; a unit test checks them against the modules.
 */
export interface CommandGroup {
  commands: Readonly<Record<string, string>>;
  load(): Promise<Register>;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    commands: {
      serve: "run the HTTP server with every channel mounted",
      migrate: "apply database migrations",
      seed: "load the demo data into the database (idempotent)",
      chat: "talk to the assistant in the terminal, through the same graph",
    },
    load: async () => (await import("./core-commands.js")).registerCoreCommands,
  },
  {
    commands: { route: "route JSONL lines {text, channel, role} to intents, or train a router on {text, intent} lines" },
    load: async () => (await import("./route-commands.js")).registerRouteCommands,
  },
  {
    commands: { models: "trained models in the database: list, promote, roll back" },
    load: async () => (await import("./models-commands.js")).registerModelsCommands,
  },
  {
    commands: { crm: "CRM data: import CSV exports" },
    load: async () => (await import("./crm-commands.js")).registerCrmCommands,
  },
  {
    commands: { pipeline: "deal close-probability model, pipeline health and forecast" },
    load: async () => (await import("./pipeline-commands.js")).registerPipelineCommands,
  },
  {
    commands: { segments: "account segmentation: k-means over RFM, firmographic and engagement features" },
    load: async () => (await import("./segments-commands.js")).registerSegmentsCommands,
  },
  {
    commands: { kb: "knowledge base: ingest folders and search them" },
    load: async () => (await import("./kb-commands.js")).registerKbCommands,
  },
  {
    commands: { leads: "lead scoring: train and score conversion models on CRM/marketing CSV exports" },
    load: async () => (await import("./leads-commands.js")).registerLeadsCommands,
  },
  {
    commands: { transcript: "call intelligence: analyse sales-call transcripts" },
    load: async () => (await import("./transcript-commands.js")).registerTranscriptCommands,
  },
  {
    commands: { content: "campaign content in three variants, predicted performance, and A/B experiments" },
    load: async () => (await import("./content-commands.js")).registerContentCommands,
  },
  {
    commands: { contacts: "a person's data: export it, or erase it everywhere" },
    load: async () => (await import("./contacts-commands.js")).registerContactsCommands,
  },
  {
    commands: { intel: "competitive intelligence: watched sources, fetches, digests, battlecards" },
    load: async () => (await import("./intel-commands.js")).registerIntelCommands,
  },
  {
    commands: { clv: "customer lifetime value: BG/NBD repeat purchases and Gamma-Gamma spend, fitted by maximum likelihood" },
    load: async () => (await import("./clv-commands.js")).registerClvCommands,
  },
  {
    commands: {
      campaign: "multi-channel campaigns: plan a timeline within caps and consent, launch through approvals, report with attribution",
      playbooks: "event-driven playbooks: validate the rules and dry-run them on a recorded event stream",
    },
    load: async () => (await import("./marketing-commands.js")).registerMarketingCommands,
  },
  {
    commands: { doctor: "check configuration, database, channel credentials, models, knowledge index and job queue; print what to fix" },
    load: async () => (await import("./doctor-commands.js")).registerDoctorCommands,
  },
];

/** The command a command line names: the first word that is not an option (`help X` names X). */
export function commandWord(args: readonly string[]): string | undefined {
  const words = args.filter((a) => !a.startsWith("-"));
  return words[0] === "help" ? words[1] : words[0];
}

export function groupOf(word: string | undefined): CommandGroup | undefined {
  return word === undefined ? undefined : COMMAND_GROUPS.find((g) => Object.hasOwn(g.commands, word));
}
