// One import record → one evaluation prompt (pure; file-prompts.ts streams the records).
import type { ImportRecord } from "@/app/_lib/import/types";
import { cutTurns } from "@/app/_lib/import/turns";
import type { EvalPromptInput } from "./prompt-hash";

export type RecordPrompt = { ok: true; prompt: EvalPromptInput } | { ok: false; reason: "skip" | "refuse"; message: string };

export function promptFromRecord(record: ImportRecord, multiTurn: boolean): RecordPrompt {
  if (record.type === "item") {
    return { ok: false, reason: "refuse", message: "item_id lines add candidates to a project's items; build the set from the project instead" };
  }
  if (record.type === "turn") {
    if ((record.turnIndex > 0) !== multiTurn) {
      return { ok: false, reason: "skip", message: "turn does not match the set's single- or multi-turn kind" };
    }
    const externalId = `${record.dialogueExternalId}#${record.turnIndex}`;
    return { ok: true, prompt: { externalId, messages: record.prompt, department: record.department, kind: "dialogue" } };
  }
  const turns = cutTurns(record.turns);
  const turn = multiTurn ? turns[turns.length - 1] : turns[0];
  if (!turn || (multiTurn && turn.turnIndex === 0)) {
    return { ok: false, reason: "skip", message: "a dialogue of one turn is no multi-turn prompt" };
  }
  return {
    ok: true,
    prompt: { externalId: record.externalId, messages: turn.prompt, department: record.department, kind: record.kind },
  };
}
