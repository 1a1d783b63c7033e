import { randomBytes } from "node:crypto";
import type { Clock } from "../../src/core/clock.js";
import type { ContentMetric, ContentStore, Experiment, Prediction, RecordEventResult, StoredVariant } from "../../src/core/content.js";
import { BadInputError, NotFoundError } from "../../src/core/errors.js";
import type { OutreachCrm } from "../../src/core/outreach.js";
import type { BrandRules } from "./draft.js";
import { audienceOf, deadlineOf, pickProof, pickValue, SourceList, topicOf, type ContentFacts, type KnowledgePassage, type SegmentFacts } from "./facts.js";
import { generateVariants, type Writer } from "./generate.js";
import { fitMetric, metricsFor, predictWith, primaryMetric, type FittedMetric } from "./performance-model.js";
import type { ContentPrior } from "./prior.js";
import { buildReport, type ExperimentReport } from "./report.js";
import type { ContentEventInput, GenerateContentInput } from "./schema.js";
import { thompsonPick } from "./stats.js";

export interface SegmentProfileLite {
  label: string;
  messaging?: string;
  dominantSectors?: { name: string }[];
}

export interface ContentServiceDeps {
  store: ContentStore;
  brand: BrandRules;
  /** Exposures every variant needs before a winner may be declared. */
  minSample: number;
  clock: Clock;
  /** Public knowledge-base passages for a query (customer-facing copy never uses internal documents). */
  knowledge?: (query: string) => Promise<KnowledgePassage[]>;
  segments?: () => Promise<{ runId: string; profiles: SegmentProfileLite[] } | undefined>;
  crm?: Pick<OutreachCrm, "findDeals" | "contactsOfAccount">;
  writer?: Writer;
  prior: () => Promise<ContentPrior>;
  newId?: () => string;
  random?: () => number;
}

export interface GeneratedVariant {
  id: string;
  label: string;
  angle: StoredVariant["angle"];
  text: string;
  subject?: string;
  headlines?: string[];
  descriptions?: string[];
  predicted: Prediction;
  predictions: Prediction[];
  sources: StoredVariant["sources"];
}

export interface GenerateResult {
  experimentId: string;
  segment: string;
  channel: StoredVariant["channel"];
  objective: string;
  metric: ContentMetric;
  writer: "llm" | "local" | "mixed";
  prior: { basis: string; source: string };
  variants: GeneratedVariant[];
  notes: string[];
}

const LABELS = ["A", "B", "C"] as const;

function matchSegment(name: string, profiles: readonly SegmentProfileLite[]): SegmentProfileLite | undefined {
  const q = name.toLowerCase().replace(/\bsegment\b/g, "").trim();
  const words = q.split(/\W+/).filter((w) => w.length > 2);
  return (
    profiles.find((p) => p.label.toLowerCase() === q) ??
    profiles.find((p) => p.label.toLowerCase().includes(q) || q.includes(p.label.toLowerCase())) ??
    profiles.find((p) => words.some((w) => p.label.toLowerCase().split(/\W+/).some((l) => l.startsWith(w.slice(0, 5)))))
  );
}

export function createContentService(deps: ContentServiceDeps) {
  const newId = deps.newId ?? (() => `exp_${randomBytes(5).toString("hex")}`);
  const random = deps.random ?? Math.random;

  async function gatherFacts(input: GenerateContentInput): Promise<ContentFacts> {
    const sources = new SourceList();
    const topic = topicOf(input.objective);
    let segment: SegmentFacts = { label: input.segment, audience: audienceOf(input.segment) };
    const stored = deps.segments ? await deps.segments().catch(() => undefined) : undefined;
    const profile = stored && matchSegment(input.segment, stored.profiles);
    if (profile && stored) {
      segment = { label: profile.label, audience: audienceOf(profile.label), messaging: profile.messaging, sector: profile.dominantSectors?.[0]?.name, runId: stored.runId };
      if (profile.messaging) sources.add("segment", `segments ${stored.runId}: ${profile.label}`, profile.messaging);
    }
    const facts: ContentFacts = { company: deps.brand.company, objective: input.objective, topic, segment, sources: sources.items, deadline: deadlineOf(input.offer, input.objective) };
    if (deps.knowledge) {
      const about = await deps.knowledge(`${topic} ${segment.sector ?? ""}`.trim()).catch(() => []);
      const results = await deps.knowledge(`customer results case study ${segment.sector ?? ""}`.trim()).catch(() => []);
      const value = pickValue(about);
      if (value) facts.value = { text: value.text, n: sources.add("knowledge", about[value.index]!.source, value.text) };
      const proof = pickProof([...results, ...about]);
      if (proof) {
        const p = [...results, ...about][proof.index]!;
        facts.proof = { text: proof.text, n: sources.add("knowledge", p.source, proof.text) };
      }
    }
    if (input.offer) facts.offer = { text: input.offer.replace(/[.!]+$/, ""), n: sources.add("offer", "request", input.offer) };
    for (const f of input.facts ?? []) sources.add("input", "request", f);
    if (input.channel === "follow_up") {
      if (!input.deal) throw new BadInputError("a follow_up needs the deal (id or name)");
      if (!deps.crm) throw new BadInputError("follow-ups need the CRM");
      const found = await deps.crm.findDeals(input.deal.startsWith("deal_") ? { id: input.deal } : { name: input.deal });
      const deal = found[0];
      if (!deal) throw new NotFoundError(`no open deal '${input.deal}' in the CRM`);
      const contact = (await deps.crm.contactsOfAccount(deal.account))[0];
      facts.deal = { name: deal.name, stage: null, nextStep: deal.nextStep, firstName: contact?.name.split(/\s+/)[0] ?? "there" };
      sources.add("crm", deal.id, `${deal.name} (${deal.account})${deal.nextStep ? `; next step: ${deal.nextStep}` : ""}`);
    }
    return facts;
  }

  async function models(channel: StoredVariant["channel"]) {
    const prior = await deps.prior();
    const outcomes = await deps.store.outcomes(channel);
    const fits = new Map<ContentMetric, FittedMetric>();
    for (const m of metricsFor(channel)) fits.set(m, fitMetric(prior, channel, m, outcomes));
    return { prior, fits };
  }

  return {
    async generate(input: GenerateContentInput, createdBy: string): Promise<GenerateResult> {
      const facts = await gatherFacts(input);
      const generated = await generateVariants(input.channel, facts, deps.brand, deps.writer);
      const { prior, fits } = await models(input.channel);
      const metric = primaryMetric(input.channel);
      const experimentId = newId();
      const variants: GeneratedVariant[] = generated.drafts.map((d, i) => {
        const predictions = [...fits].map(([m, fit]) => predictWith(fit, prior, input.channel, m, facts.segment.label, d));
        return {
          id: `${experimentId}-${LABELS[i]}`,
          label: LABELS[i]!,
          angle: d.angle,
          text: d.text,
          ...(d.subject !== undefined ? { subject: d.subject } : {}),
          ...(d.headlines ? { headlines: d.headlines } : {}),
          ...(d.descriptions ? { descriptions: d.descriptions } : {}),
          predicted: predictions.find((p) => p.metric === metric) ?? predictions[0]!,
          predictions,
          sources: facts.sources.filter((s) => d.cites.includes(s.n) || s.kind === "segment"),
        };
      });
      const experiment: Experiment = {
        id: experimentId, name: `${facts.segment.label} · ${input.channel} · ${facts.topic}`.slice(0, 200), segment: facts.segment.label, channel: input.channel,
        objective: input.objective, metric, minSample: deps.minSample, createdBy, createdAt: deps.clock.now(),
      };
      await deps.store.saveExperiment(experiment, variants.map((v) => ({ ...v, experimentId, channel: input.channel, predicted: v.predictions })));
      return {
        experimentId, segment: facts.segment.label, channel: input.channel, objective: input.objective, metric, writer: generated.writer,
        prior: { basis: variants[0]?.predicted.basis ?? prior.basis, source: prior.source }, variants, notes: generated.notes,
      };
    },

    async recordEvent(variantId: string, event: ContentEventInput): Promise<RecordEventResult> {
      return deps.store.recordEvent({ eventId: event.eventId, variantId, type: event.type, recipient: event.recipient, at: event.at ? new Date(event.at) : deps.clock.now() });
    },

    async report(experimentId: string, method: "z" | "bayes" = "z"): Promise<{ experiment: Experiment; report: ExperimentReport }> {
      const experiment = await deps.store.experiment(experimentId);
      if (!experiment) throw new NotFoundError(`no experiment ${experimentId}`);
      const counts = await deps.store.counts(experimentId);
      return { experiment, report: buildReport(counts, { metric: experiment.metric, minSample: experiment.minSample, method }) };
    },

    /** Thompson sampling over the experiment's variants for the next send (explores while unsure, exploits once clear). */
    async allocate(experimentId: string): Promise<StoredVariant> {
      const experiment = await deps.store.experiment(experimentId);
      if (!experiment) throw new NotFoundError(`no experiment ${experimentId}`);
      const variants = await deps.store.variants(experimentId);
      const counts = await deps.store.counts(experimentId);
      const success = experiment.metric === "open" ? "opened" : experiment.metric === "click" ? "clicked" : "converted";
      const arms = variants.map((v) => {
        const c = counts.find((x) => x.variantId === v.id)?.counts;
        const trials = c ? Math.max(c.delivered, c.sent) : 0;
        return { successes: Math.min(c?.[success] ?? 0, trials), trials };
      });
      return variants[thompsonPick(arms, random)]!;
    },

    variant: (id: string) => deps.store.variant(id),
  };
}

export type ContentService = ReturnType<typeof createContentService>;
