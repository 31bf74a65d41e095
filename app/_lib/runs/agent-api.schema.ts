// Bodies of the agent API (docs/runs.md). Each call about a run names the attempt the
// agent was given at claim time: that is how a stale agent is recognised and told to stop.
// Text from the agent is machine output: cleaned of what PostgreSQL cannot store rather than
// refused (app/_lib/api/storable-text.ts); numbers that reach Int columns are range-checked.
import { z } from "zod";
import { PG_INT_MAX, pgCount } from "@/app/_lib/api/db-numbers";
import { machineJson, machineString } from "@/app/_lib/api/storable-text";

export const runKindSchema = z.enum(["RM", "PPO", "SAMPLE", "GENERATE"]);

export const claimSchema = z.object({
  kinds: z.array(runKindSchema).min(1).default(["RM", "PPO", "SAMPLE"]),
  leaseSeconds: z.number().int().positive().max(PG_INT_MAX).optional(),
  host: z
    .object({
      hostname: machineString(z.string().max(255)).optional(),
      gpus: z.number().int().min(0).max(1024).optional(),
      gpuNames: z.array(machineString(z.string().max(200))).max(1024).optional(),
      python: machineString(z.string().max(50)).optional(),
      platform: machineString(z.string().max(200)).optional(),
      agentVersion: machineString(z.string().max(50)).optional(),
      models: z.array(machineString(z.string().max(1000))).max(100).optional(),
      /** How often the agent calls while idle / while running: the agents page reads "offline" from them. */
      pollSeconds: z.number().positive().max(86_400).optional(),
      heartbeatSeconds: z.number().positive().max(86_400).optional(),
    })
    .default({}),
});

const attempt = z.number().int().min(1).max(PG_INT_MAX);

export const heartbeatSchema = z.object({ attempt, step: pgCount().optional() });

const MAX_LINES = 1000;

/** A metrics.jsonl / samples.jsonl line: any JSON object, its step and total_steps fitting the Int columns. */
const trainerLine = machineJson(z.looseObject({ step: pgCount().optional(), total_steps: pgCount().nullish() }));

export const postMetricsSchema = z.object({
  attempt,
  lines: z
    .array(z.object({ seq: pgCount(), data: trainerLine }))
    .max(MAX_LINES, `at most ${MAX_LINES} lines per batch`),
});

export const postLogsSchema = z.object({
  attempt,
  lines: z
    .array(
      z.object({
        seq: pgCount(),
        stream: z.enum(["stdout", "stderr", "agent"]),
        line: machineString(z.string().max(10_000)),
        /** Unix seconds when the trainer produced the line (its latest text, for a line updated in place). */
        time: z.number().positive().max(32_503_680_000, "time must be unix seconds").optional(), // < year 3000
      }),
    )
    .max(MAX_LINES, `at most ${MAX_LINES} lines per batch`),
});

/** A PPO run's samples.jsonl lines, as the trainer wrote them (parsed by sample-line.ts). */
export const postSamplesSchema = z.object({
  attempt,
  lines: z
    .array(z.object({ seq: pgCount(), data: trainerLine }))
    .max(MAX_LINES, `at most ${MAX_LINES} lines per batch`),
});

export const postResultsSchema = z.object({
  attempt,
  batch: pgCount(),
  records: machineJson(z.array(z.unknown()).min(1).max(1000, "at most 1000 records per batch")),
});

export const artifactSchema = z.object({ path: machineString(z.string().min(1).max(4000)), bytes: z.number().int().min(0) });

export const completeSchema = z.object({
  attempt,
  summary: machineJson(z.record(z.string(), z.unknown()).nullish()).optional(),
  outputDir: machineString(z.string().max(4000)).nullish(),
  artifacts: z.array(artifactSchema).max(5000).default([]),
});

export const failSchema = z.object({ attempt, reason: machineString(z.string().trim().min(1).max(4000)) });
export const releaseSchema = failSchema;
