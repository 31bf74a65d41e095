import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { PG_INT_MAX } from "@/app/_lib/api/db-numbers";
import { issue } from "./record-issue";
import { externalId, isPlainObject, parseWith, rawId, text } from "./record-schema";
import { checkPrompt } from "./turns";
import type { ItemCandidatesRecord, ParseResult, RecordRef, TurnCandidatesRecord } from "./types";

// Our own candidates JSONL (also what the trainer's `sample` writes), see docs/formats.md.

const MAX_SOURCE = 200;

const candidate = (defaultSource: string) =>
  z.object({
    text,
    source: storableString({ error: "must be a string" }).trim().min(1, "must not be empty").max(MAX_SOURCE, `must be at most ${MAX_SOURCE} characters`).optional().default(defaultSource),
  });

const candidates = (defaultSource: string) =>
  z.array(candidate(defaultSource), { error: "must be a list of {text, source}" }).min(1, "must hold at least one candidate");

const itemSchema = (defaultSource: string) =>
  z.object({ item_id: storableString({ error: "must be a string" }).trim().min(1, "must not be empty"), candidates: candidates(defaultSource) });

const turnSchema = (defaultSource: string) =>
  z.object({
    dialogue_id: externalId,
    turn: z.number({ error: "must be an integer" }).int("must be an integer").min(0, "must be 0 or more (turns count from 0)").max(PG_INT_MAX, `must be at most ${PG_INT_MAX}`),
    messages: z
      .array(z.object({ role: z.enum(["user", "assistant"], { error: 'must be "user" or "assistant"' }), content: text }), { error: "must be a list of {role, content}" })
      .min(1, "must hold at least the patient's message"),
    department: storableString().trim().nullish(),
    candidates: candidates(defaultSource),
  });

export function parseCandidatesRecord(value: unknown, at: Omit<RecordRef, "id">, fileName: string): ParseResult<ItemCandidatesRecord | TurnCandidatesRecord> {
  const ref: RecordRef = { ...at, id: rawId(value, "item_id", "dialogue_id") };
  if (!isPlainObject(value)) return { ok: false, issues: [issue(ref, null, "must be a JSON object")] };
  // candidates without a source came from this file: say so rather than invent a model name
  const defaultSource = `import:${fileName}`;

  if ("item_id" in value) {
    if ("dialogue_id" in value) return { ok: false, issues: [issue(ref, "item_id", "give either item_id (an item already in the app) or dialogue_id + turn (a new turn), not both")] };
    const parsed = parseWith(itemSchema(defaultSource), value, ref);
    if (!parsed.ok) return parsed;
    return { ok: true, record: { type: "item", itemId: parsed.data.item_id, candidates: parsed.data.candidates } };
  }
  if (!("dialogue_id" in value)) return { ok: false, issues: [issue(ref, "item_id", "is required (or dialogue_id + turn + messages for a new turn)")] };

  const parsed = parseWith(turnSchema(defaultSource), value, ref);
  if (!parsed.ok) return parsed;
  const r = parsed.data;
  const problem = checkPrompt(r.messages, r.turn);
  if (problem) return { ok: false, issues: [issue(ref, problem.field, problem.message)] };
  return {
    ok: true,
    record: {
      type: "turn",
      dialogueExternalId: r.dialogue_id,
      turnIndex: r.turn,
      prompt: r.messages,
      department: r.department || null,
      candidates: r.candidates,
    },
  };
}
