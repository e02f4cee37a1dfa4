// The Playbook contract (DESIGN.md "Core contracts"): typed data an on-call engineer follows as a wizard
// (Symptoms → Investigation → Root cause → Fix → Prevention), plus `detect` for triage. Pure: no I/O,
// safe to import in the browser. Everything is spoken in finding codes, probe ids, series ids and rule ids.
import type { z } from "zod";
import type { Finding } from "@/lib/probes/finding";
import type { ProbeResult } from "@/lib/probes/types";
import type { TriageInput } from "@/lib/triage/triage-input";

/**
 * read: changes nothing; config: changes server state without losing data (a setting, or stopping a
 * script that has written nothing, which is all SCRIPT KILL can stop); destructive: drops connections,
 * keys or unsaved writes. Responders run read and config fixes; destructive ones need an admin.
 */
export const FIX_RISKS = ["read", "config", "destructive"] as const;
export type FixRisk = (typeof FIX_RISKS)[number];

export interface Symptom {
  /** What the engineer sees, in their words. */
  text: string;
  /** Findings that show this symptom is present now. */
  findingCodes?: string[];
  /** A series id (lib/metrics/series-catalog.ts) that shows it live. */
  metric?: string;
}

export interface StepInterpretation {
  /** Finding codes of this step's result that support the hypotheses. */
  confirms?: string[];
  /** Finding codes that point elsewhere. */
  rulesOut?: string[];
  /** What the result means, read by a tired human. */
  meaning: string;
}

export interface InvestigationStep {
  id: string;
  title: string;
  /** Probe id from the registry (lib/probes/registry.ts). */
  probe: string;
  params: Record<string, unknown>;
  /** Why this step, now. */
  why: string;
  /** The equivalent command, copyable. */
  redisCli: string;
  /** Series ids charted next to the result. */
  charts: string[];
  interpret: StepInterpretation;
  /** Shown only when an earlier step produced one of these findings. */
  when?: { anyOf: string[] };
}

export interface RootCause {
  id: string;
  title: string;
  explanation: string;
  /** Any one of these findings supports this cause. */
  confirmedBy: string[];
  /** Any one of these makes it unlikely. */
  ruledOutBy?: string[];
}

export interface FixVerification {
  probe: string;
  params: Record<string, unknown>;
  expect: { absent?: string[]; present?: string[] };
  /** What a person would type to check by hand. */
  redisCli?: string;
}

export interface ManualFix {
  /** What to do outside Redis (Kubernetes, application code, files on disk). */
  instructions: string;
  /** Ticked off by the engineer. */
  checklist?: string[];
  /** A manifest, script or command to copy. */
  copyable?: string;
}

/** What happens when the command answers with an error matching `match` (e.g. SCRIPT KILL → UNKILLABLE). */
export interface FixErrorPath {
  match: string;
  explain: string;
  /** Fix ids to offer next. */
  next: string[];
}

export interface FixAction {
  id: string;
  title: string;
  risk: FixRisk;
  /**
   * One command as an argv template: `{name}` is replaced by the param `name` (see render-fix.ts).
   * Absent for manual fixes.
   */
  argv?: string[];
  /**
   * Name of an array param: the argv runs once per element, the element's fields filling the
   * placeholders; an element's `node` field names the node it runs on.
   */
  forEach?: string;
  /**
   * Where the command runs: the instance's primary node (default), every master, or every node. A
   * `node` param (or a `forEach` element's `node`) names one node instead.
   */
  target?: "instance" | "every-master" | "every-node";
  /** Parameters the engineer fills in; validated before anything is sent. */
  params: z.ZodObject;
  /** Exactly what will happen, in words, with the same placeholders as argv. */
  preview: string;
  /** What data (or work) is lost, when any. */
  dataCost?: string;
  /** Lowest Redis version that has the command or setting, e.g. "7.0.0". */
  minVersion?: string;
  /** Only offered with this allocator (activedefrag needs jemalloc). */
  requiresAllocator?: "jemalloc";
  /** Sent on Redline's reserved connection: the probe connection may be blocked. */
  reservedConnection?: boolean;
  verify: FixVerification;
  onError?: FixErrorPath[];
  manual?: ManualFix;
  /** Shown only when one of these findings is present. */
  when?: { anyOf: string[] };
  /**
   * Pre-fills the params from what the investigation has already seen (the biggest key, the idle
   * connections, the calculated backlog size). Pure; the engineer can change every value, and the
   * server renders and checks whatever they send.
   */
  suggest?: (ctx: FixSuggestContext) => FixSuggestion;
}

/** What a fix's `suggest` sees: the newest saved result of each probe, and the values typed so far. */
export interface FixSuggestContext {
  latest(probeId: string): ProbeResult | undefined;
  input: Record<string, unknown>;
}

export interface FixSuggestion {
  params: Record<string, unknown>;
  /** For a `forEach` fix: one line per list element saying what its command touches. */
  itemLabels?: string[];
  /** Why nothing (or not everything) could be suggested, e.g. which step to run first. */
  hint?: string;
}

export interface ConfigCheck {
  /** CONFIG name; the config-audit probe shows the current value next to it. */
  setting: string;
  recommended: string;
  why: string;
}

export interface Prevention {
  configChecks: ConfigCheck[];
  /** Rule ids from lib/metrics/rules.ts. */
  alertRules: string[];
  practices: string[];
}

export interface DetectResult {
  /** 0..1: how well the instance's evidence matches this incident. */
  score: number;
  /** The findings the score rests on, strongest first. */
  evidence: Finding[];
}

export interface PlaybookData {
  id: string;
  title: string;
  summary: string;
  severityHint: "warning" | "critical";
  symptoms: Symptom[];
  investigation: InvestigationStep[];
  rootCauses: RootCause[];
  fixes: FixAction[];
  prevention: Prevention;
}

export interface Playbook extends PlaybookData {
  /** Pure: scores the instance's evidence for this incident (lib/triage/detectors). */
  detect(input: TriageInput): DetectResult;
}

/** Keeps literal checking of the object while typing it as a Playbook. */
export function definePlaybook(playbook: Playbook): Playbook {
  return playbook;
}
