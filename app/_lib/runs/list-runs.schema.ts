// GET /api/runs, /api/runs/[runId]/metrics|logs, /api/runs/compare — query strings.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { runKindSchema } from "./agent-api.schema";
import { LOG_FILTERS } from "./log-level";

export const runStatusSchema = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]);

export const listRunsSchema = z.object({
  status: runStatusSchema.optional(),
  kind: runKindSchema.optional(),
  projectId: storableString().min(1).optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
});

export const runMetricsQuerySchema = z.object({
  /** Only rows after this id (the chart polls for what is new). */
  after: z.coerce.number().int().min(0).default(0),
});

export const runLogsQuerySchema = z.object({
  /** The last N lines (the tail) — or, with `after`, the lines after that id. */
  tail: z.coerce.number().int().min(1).max(2000).default(200),
  after: z.coerce.number().int().min(0).optional(),
  /** "warning": warnings and errors only; "error": errors only (log-level.ts). */
  level: z.enum(LOG_FILTERS).default("all"),
});

export const compareRunsSchema = z.object({
  ids: storableString()
    .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.string().min(1)).min(1, "name at least one run").max(8, "compare at most 8 runs")),
});

export const runSamplesQuerySchema = z.object({
  take: z.coerce.number().int().min(1).max(1000).default(200),
});
