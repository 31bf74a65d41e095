import { createHash } from "node:crypto";
import { z } from "zod";
import { issue } from "./record-issue";
import { externalId, isPlainObject, parseWith, rawId, text } from "./record-schema";
import type { DialogueRecord, ParseResult, RecordRef } from "./types";

// CMtMedQA (Zhongjing): multi-turn records and safety probes, see docs/formats.md.

const dialogueSchema = z.object({
  id: externalId,
  cate1: z.string().nullish(),
  cate2: z.string().nullish(),
  instruction: text,
  input: z.string({ error: "must be a string" }).nullish(),
  output: text,
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
  return {
    ok: true,
    record: {
      type: "dialogue",
      externalId: r.id,
      kind: "dialogue",
      department: department(r.cate1),
      subDepartment: department(r.cate2),
      turns: [...(r.history ?? []).map(([p, d]) => ({ patient: p, doctor: d })), { patient, doctor: r.output }],
      candidates: new Map(),
    },
  };
}
