// Bodies of the agent API (docs/runs.md). Each call about a run names the attempt the
// agent was given at claim time: that is how a stale agent is recognised and told to stop.
import { z } from "zod";

export const runKindSchema = z.enum(["RM", "PPO", "SAMPLE"]);

export const claimSchema = z.object({
  kinds: z.array(runKindSchema).min(1).default(["RM", "PPO", "SAMPLE"]),
  leaseSeconds: z.number().int().positive().optional(),
  host: z
    .object({
      hostname: z.string().max(255).optional(),
      gpus: z.number().int().min(0).max(1024).optional(),
      gpuNames: z.array(z.string().max(200)).max(1024).optional(),
      python: z.string().max(50).optional(),
      platform: z.string().max(200).optional(),
      agentVersion: z.string().max(50).optional(),
      models: z.array(z.string().max(1000)).max(100).optional(),
    })
    .default({}),
});

const attempt = z.number().int().min(1);

export const heartbeatSchema = z.object({ attempt, step: z.number().int().min(0).optional() });

const MAX_LINES = 1000;

export const postMetricsSchema = z.object({
  attempt,
  lines: z
    .array(z.object({ seq: z.number().int().min(0), data: z.record(z.string(), z.unknown()) }))
    .max(MAX_LINES, `at most ${MAX_LINES} lines per batch`),
});

export const postLogsSchema = z.object({
  attempt,
  lines: z
    .array(
      z.object({
        seq: z.number().int().min(0),
        stream: z.enum(["stdout", "stderr", "agent"]),
        line: z.string().max(10_000),
      }),
    )
    .max(MAX_LINES, `at most ${MAX_LINES} lines per batch`),
});

export const postResultsSchema = z.object({
  attempt,
  batch: z.number().int().min(0),
  records: z.array(z.unknown()).min(1).max(1000, "at most 1000 records per batch"),
});

export const artifactSchema = z.object({ path: z.string().min(1).max(4000), bytes: z.number().int().min(0) });

export const completeSchema = z.object({
  attempt,
  summary: z.record(z.string(), z.unknown()).nullish(),
  outputDir: z.string().max(4000).nullish(),
  artifacts: z.array(artifactSchema).max(5000).default([]),
});

export const failSchema = z.object({ attempt, reason: z.string().trim().min(1).max(4000) });
export const releaseSchema = failSchema;
