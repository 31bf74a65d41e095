// Answers JSONL (docs/formats.md): one line per answer,
//   {"prompt_id": "<EvalPrompt id>" | "external_id": "<the prompt's external id>",
//    "answer": "…", "provenance": {…}?}
// Pure: a line → a parsed answer or a message naming the line and the field.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

/** The longest answer kept (characters): far beyond any real doctor's reply. */
export const MAX_ANSWER_CHARS = 20_000;

const lineSchema = z
  .object({
    prompt_id: storableString().min(1).optional(),
    external_id: z.union([storableString().min(1), z.number().int()]).optional(),
    answer: storableString({ error: "must be a string" }).max(MAX_ANSWER_CHARS, `must be at most ${MAX_ANSWER_CHARS} characters`),
    provenance: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((l) => (l.prompt_id === undefined) !== (l.external_id === undefined), { message: "give exactly one of prompt_id and external_id", path: ["prompt_id"] });

export type AnswerLine = { line: number; key: { promptId: string } | { externalId: string }; answer: string; provenance: Record<string, unknown> };

export type AnswerLineResult = { ok: true; value: AnswerLine } | { ok: false; message: string };

export function parseAnswerLine(text: string, line: number): AnswerLineResult | null {
  const trimmed = (line === 1 ? text.replace(/^\uFEFF/, "") : text).trim();
  if (!trimmed) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    return { ok: false, message: `line ${line}: is not valid JSON (${(err as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, message: `line ${line}: must be a JSON object` };
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `line ${line}: ${issue.path.join(".") || "(line)"}: ${issue.message}` };
  }
  const l = parsed.data;
  if (!l.answer.trim()) return { ok: false, message: `line ${line}: answer: must not be empty` };
  const key = l.prompt_id !== undefined ? { promptId: l.prompt_id } : { externalId: String(l.external_id) };
  return { ok: true, value: { line, key, answer: l.answer, provenance: l.provenance ?? {} } };
}

/**
 * Matches parsed lines to the set's prompts: every line must name a prompt of the set, no prompt
 * twice, and every prompt answered (a system is READY only when complete). Returns the first
 * problems, each naming its line, or the answers keyed by prompt id.
 */
export function matchAnswers(
  lines: readonly AnswerLine[],
  prompts: readonly { id: string; externalId: string }[],
): { ok: true; answers: { promptId: string; line: AnswerLine }[] } | { ok: false; problems: string[] } {
  const byId = new Map(prompts.map((p) => [p.id, p]));
  const byExternal = new Map(prompts.map((p) => [p.externalId, p]));
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const answers: { promptId: string; line: AnswerLine }[] = [];
  for (const l of lines) {
    const prompt = "promptId" in l.key ? byId.get(l.key.promptId) : byExternal.get(l.key.externalId);
    if (!prompt) {
      const name = "promptId" in l.key ? `prompt_id "${l.key.promptId}"` : `external_id "${l.key.externalId}"`;
      problems.push(`line ${l.line}: ${name} is not a prompt of this set`);
    } else if (seen.has(prompt.id)) {
      problems.push(`line ${l.line}: answers the same prompt as line ${seen.get(prompt.id)}`);
    } else {
      seen.set(prompt.id, l.line);
      answers.push({ promptId: prompt.id, line: l });
    }
    if (problems.length >= 20) break;
  }
  if (!problems.length && answers.length < prompts.length) {
    const missing = prompts.filter((p) => !seen.has(p.id));
    problems.push(`${missing.length} of ${prompts.length} prompts have no answer (e.g. external_id "${missing[0].externalId}"): a system needs one answer per prompt`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}
