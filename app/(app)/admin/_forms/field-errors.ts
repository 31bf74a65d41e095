// Field-level messages for the admin forms, from the shared zod schema on the client or
// from the server's VALIDATION / CONFLICT answer (details.issues or details.field).
import type { ZodError } from "zod";
import { ApiError } from "@/app/_lib/query/api-fetch";

export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    out[field] ??= issue.message;
  }
  return out;
}

export function apiFieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const details = err.details as { field?: string; issues?: { path: string; message: string }[] } | undefined;
  if (details?.field) return { [details.field]: err.message };
  const out: FieldErrors = {};
  for (const issue of details?.issues ?? []) out[issue.path.split(".")[0]] ??= issue.message;
  return out;
}
