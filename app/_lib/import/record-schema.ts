import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { fieldPath, issue } from "./record-issue";
import type { RecordIssue, RecordRef } from "./types";

/** "is required" only when the field is absent: a field that is there but of the wrong type is named as such. */
export const requiredOr = (wrongType: string) => (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : wrongType);

/**
 * A message text: trimmed (the CMtMedQA safety probes carry leading spaces), never empty, and
 * storable (no NUL, no lone surrogate: app/_lib/api/storable-text.ts) — refused naming the record
 * and field, since an import is all-or-nothing and silently altered medical text is worse.
 */
export const text = storableString({ error: requiredOr("must be a string") }).trim().min(1, "must not be empty");

/** Ids may be numbers in hand-made files; they are compared as strings. */
export const externalId = z
  .union([storableString().trim().min(1, "must not be empty"), z.number().int()], { error: "must be a string or an integer" })
  .transform(String);

/** Runs a record schema and turns zod issues into issues naming the record and field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, ref: RecordRef): { ok: true; data: T } | { ok: false; issues: RecordIssue[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => issue(ref, fieldPath(i.path), i.message)),
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Best-effort id of a raw record, for error messages before it is validated. */
export function rawId(value: unknown, ...keys: string[]): string | null {
  if (!isPlainObject(value)) return null;
  for (const key of keys) {
    const v = value[key];
    if (typeof v === "string" && v.trim()) return v.trim();
    if (typeof v === "number") return String(v);
  }
  return null;
}
