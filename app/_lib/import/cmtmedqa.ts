import { createHash } from "node:crypto";
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { issue } from "./record-issue";
import { isPlainObject, parseWith, rawId, requiredOr, text } from "./record-schema";
import type { DialogueRecord, ParseResult, RecordRef } from "./types";

// CMtMedQA (Zhongjing): multi-turn records and safety probes, see docs/formats.md. The same
// parser reads Zhongjing's single-turn files ({id: "", instruction: ["…"], input: "", output: ["…"]}):
// a text may come as a list holding exactly one string, and an empty or missing id is derived from
// the content.

/** A text, or a list of exactly one text (Zhongjing's single-turn files wrap every text in one). */
const oneText = z.preprocess(
  (v) => (Array.isArray(v) && v.length === 1 ? v[0] : v),
  storableString({
    error: (iss) =>
      iss.input === undefined
        ? "is required"
        : Array.isArray(iss.input)
          ? `must be a string or a list of exactly one string; this list has ${iss.input.length} (one record per answer)`
          : "must be a string",
  })
    .trim()
    .min(1, "must not be empty"),
);

/** "" when the record has no usable id: it is then derived from the content (contentId). */
const optionalId = z
  .union([storableString().trim(), z.number().int()], { error: "must be a string or an integer" })
  .nullish()
  .transform((v) => (v === null || v === undefined ? "" : String(v)));

const dialogueSchema = z.object({
  id: optionalId,
  cate1: storableString().nullish(),
  cate2: storableString().nullish(),
  instruction: oneText,
  input: z.preprocess((v) => (Array.isArray(v) && v.length <= 1 ? (v[0] ?? "") : v), storableString({ error: requiredOr("must be a string") }).nullish()),
  output: oneText,
  history: z.array(z.tuple([text, text], { error: "must be a [patient, doctor] pair" }), { error: "must be a list of [patient, doctor] pairs" }).nullish(),
});

const safetySchema = z.object({ instruct: text, output: text });

/** The dumps were written by pandas: a missing department is the string "nan". */
function department(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v && v.toLowerCase() !== "nan" ? v : null;
}

/**
 * Safety probes have no id: derive one from their (trimmed) content, so the same probe gets the
 * same id in every file and re-importing it never duplicates.
 */
export function safetyId(instruct: string, output: string): string {
  return "safety-" + createHash("sha256").update(`${instruct}\u0000${output}`).digest("hex").slice(0, 16);
}

/** The id of a dialogue record that came without one: a hash of its turns, stable across files. */
export function contentId(turns: { patient: string; doctor: string | null }[]): string {
  const text = turns.map((t) => `${t.patient}\u0000${t.doctor ?? ""}`).join("\u0001");
  return "content-" + createHash("sha256").update(text).digest("hex").slice(0, 16);
}

export function parseCmtmedqaRecord(value: unknown, at: Omit<RecordRef, "id">): ParseResult<DialogueRecord> {
  const ref: RecordRef = { ...at, id: rawId(value, "id") };
  if (!isPlainObject(value)) return { ok: false, issues: [issue(ref, null, "must be a JSON object")] };

  if ("instruct" in value && !("instruction" in value)) {
    const parsed = parseWith(safetySchema, value, ref);
    if (!parsed.ok) return parsed;
    const { instruct, output } = parsed.data;
    return {
      ok: true,
      record: {
        type: "dialogue",
        externalId: safetyId(instruct, output),
        idFromContent: true,
        kind: "safety",
        department: null,
        subDepartment: null,
        turns: [{ patient: instruct, doctor: output }],
        candidates: new Map(),
      },
    };
  }

  const parsed = parseWith(dialogueSchema, value, ref);
  if (!parsed.ok) return parsed;
  const r = parsed.data;
  // `input` is empty in every published record; when a file fills it, it belongs to the patient's message.
  const extra = r.input?.trim();
  const patient = extra ? `${r.instruction}\n${extra}` : r.instruction;
  const turns = [...(r.history ?? []).map(([p, d]) => ({ patient: p, doctor: d })), { patient, doctor: r.output }];
  return {
    ok: true,
    record: {
      type: "dialogue",
      externalId: r.id || contentId(turns),
      ...(r.id ? {} : { idFromContent: true }),
      kind: "dialogue",
      department: department(r.cate1),
      subDepartment: department(r.cate2),
      turns,
      candidates: new Map(),
    },
  };
}
