// The JSON shapes of runs in the admin API (and so in the browser). Dates are ISO strings.
import type { RunKind, RunStatus } from "@/app/_generated/prisma/enums";
import type { QueueWait } from "./agent-presence";
import type { Progress } from "./progress";
import { type RunHeadline, runHeadline } from "./run-headline";

export type Artifact = { path: string; bytes: number };

export type RunSummary = {
  id: string;
  kind: RunKind;
  status: RunStatus;
  name: string;
  projectId: string | null;
  projectName: string | null;
  modelPath: string;
  step: number;
  totalSteps: number | null;
  attempts: number;
  maxAttempts: number;
  /** SAMPLE: the items it fills are served before older open items. */
  frontOfQueue: boolean;
  cancelRequested: boolean;
  error: string | null;
  agent: { id: string; name: string } | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The numbers the run leads with, from its summary (the run page refines them from live metrics). */
  headline: RunHeadline;
  /** A queued run: its place in the queue and why it waits. */
  queue: QueueWait | null;
};

export type RunDetail = RunSummary & {
  config: Record<string, unknown>;
  snapshot: { id: string; version: number; contentHash: string; projectId: string } | null;
  inputHash: string | null;
  itemCount: number;
  parentRun: { id: string; name: string; kind: RunKind; status: RunStatus } | null;
  /** GENERATE: the evaluation system it answers for, and its set */
  evaluation: { evalSetId: string; evalSetName: string; systemName: string; answers: number; prompts: number } | null;
  leaseSeconds: number;
  leaseExpiresAt: string | null;
  heartbeatAt: string | null;
  outputDir: string | null;
  artifacts: Artifact[];
  summary: Record<string, unknown> | null;
  results: Record<string, unknown> | null;
  progress: Progress;
};

export type MetricPoint = { id: number; attempt: number; step: number; split: string; data: Record<string, number> };
export type RunMetricsPage = { runId: string; status: RunStatus; points: MetricPoint[]; lastId: number };
export type RunLogLine = { id: number; attempt: number; seq: number; stream: string; line: string; at: string };

export type AgentView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  hostname: string | null;
  gpus: number | null;
  info: Record<string, unknown>;
  runningRuns: number;
  currentRuns: { id: string; name: string; kind: RunKind }[];
  /** Heard from within `offlineAfterSeconds` (agent-presence.ts). */
  online: boolean;
  offlineAfterSeconds: number;
  kinds: string[];
};

type SummaryRow = {
  id: string;
  kind: RunKind;
  status: RunStatus;
  name: string;
  projectId: string | null;
  project: { name: string } | null;
  modelPath: string;
  step: number;
  totalSteps: number | null;
  attempts: number;
  maxAttempts: number;
  frontOfQueue: boolean;
  cancelRequested: boolean;
  error: string | null;
  agent: { id: string; name: string } | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  summary: unknown;
  config: unknown;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRunSummary(r: SummaryRow, queue: QueueWait | null = null): RunSummary {
  const timing = { queuedAt: r.queuedAt.toISOString(), startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt) };
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    name: r.name,
    projectId: r.projectId,
    projectName: r.project?.name ?? null,
    modelPath: r.modelPath,
    step: r.step,
    totalSteps: r.totalSteps,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    frontOfQueue: r.frontOfQueue,
    cancelRequested: r.cancelRequested,
    error: r.error,
    agent: r.agent ? { id: r.agent.id, name: r.agent.name } : null,
    ...timing,
    headline: runHeadline({ kind: r.kind, summary: asRecord(r.summary), config: asRecord(r.config) ?? {}, timing, ended: !["QUEUED", "RUNNING"].includes(r.status) }),
    queue: r.status === "QUEUED" ? queue : null,
  };
}

export const runSummarySelect = {
  id: true,
  kind: true,
  status: true,
  name: true,
  projectId: true,
  project: { select: { name: true } },
  modelPath: true,
  step: true,
  totalSteps: true,
  attempts: true,
  maxAttempts: true,
  frontOfQueue: true,
  cancelRequested: true,
  error: true,
  agent: { select: { id: true, name: true } },
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  summary: true,
  config: true,
} as const;

export function parseArtifacts(value: unknown): Artifact[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (a): a is Artifact => typeof a === "object" && a !== null && typeof a.path === "string" && typeof a.bytes === "number",
  );
}

export const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
