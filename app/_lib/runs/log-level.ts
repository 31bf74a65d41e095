// How serious a log line reads: "error", "warning" or "info". One rule for the log box's highlight
// and for the server's filter (GET /api/runs/[runId]/logs?level=): case-insensitive words.
import type { Prisma } from "@/app/_generated/prisma/client";

export type LogLevel = "error" | "warning" | "info";
export const LOG_FILTERS = ["all", "warning", "error"] as const;
export type LogFilter = (typeof LOG_FILTERS)[number];

const ERROR_WORDS = ["error", "exception", "traceback", "fatal", "failed"];
const WARNING_WORDS = ["warn"];

export function lineLevel(line: string): LogLevel {
  const lower = line.toLowerCase();
  if (ERROR_WORDS.some((w) => lower.includes(w))) return "error";
  if (WARNING_WORDS.some((w) => lower.includes(w))) return "warning";
  return "info";
}

/** The same rule as a database filter: "warning" keeps warnings and errors, "error" errors only. */
export function logLevelWhere(filter: LogFilter): Prisma.RunLogWhereInput {
  if (filter === "all") return {};
  const words = filter === "error" ? ERROR_WORDS : [...ERROR_WORDS, ...WARNING_WORDS];
  return { OR: words.map((w) => ({ line: { contains: w, mode: "insensitive" as const } })) };
}
