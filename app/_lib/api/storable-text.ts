// The one text rule: what PostgreSQL can store.
//
// PostgreSQL refuses U+0000 (NUL) in text and jsonb, and a lone UTF-16 surrogate (half of a
// pair, e.g. "\ud800" in JSON) is not Unicode at all: jsonb refuses it, a text column would
// silently turn it into U+FFFD. Either used to end in a 500.
//
// - What people type (names, comments, replacement answers, skip reasons, notes, imported
//   records) is refused with a 422 naming the field: silently changing a medical text is worse
//   than asking for a clean copy. `storableString()` is z.string() with that check.
// - What machines send (the trainer agent's log lines, summaries, failure reasons, metrics,
//   sampled candidates, host details) is cleaned instead: NUL removed, a lone surrogate replaced
//   by U+FFFD. A stray byte in a trainer's stderr must not stop a run from reporting why it
//   failed. `cleanText` / `cleanJson` / `machineString()` do that.
import { z } from "zod";

const NUL = /\u0000/g;
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Why `s` cannot be stored, or null when it can. */
export function unstorableReason(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the NUL character (U+0000)";
  LONE_SURROGATE.lastIndex = 0;
  const lone = LONE_SURROGATE.exec(s);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `must be valid Unicode text (a lone surrogate U+${code} at character ${lone.index + 1})`;
  }
  return null;
}

/** z.string() that refuses text PostgreSQL cannot store (422 naming the field). */
export function storableString(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).superRefine((s, ctx) => {
    const reason = unstorableReason(s);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
}

/** Machine output made storable: NUL removed, lone surrogates replaced by U+FFFD. */
export function cleanText(s: string): string {
  return s.replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** cleanText applied to every string and key of a JSON value. */
export function cleanJson(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanJson(v)]));
  }
  return value;
}

/** A string of machine output: cleaned first, then checked by `rules` (e.g. a length limit). */
export function machineString<T extends z.ZodType<unknown, string>>(rules?: T) {
  return z.string().transform(cleanText).pipe(rules ?? z.string());
}

/** Any JSON value of machine output (a summary, a metrics line), cleaned. */
export function machineJson<T extends z.ZodType>(rules: T) {
  return z.unknown().transform(cleanJson).pipe(rules);
}
