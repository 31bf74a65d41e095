// Input lines of the scoring command (scripts/reward-models/score-file.ts) and of the benchmark:
// {"messages": [{"role": "user"|"assistant"|"system", "content": "…"}, …], "answer": "…"} per line.
import { z } from "zod";
import type { ScoreInput } from "./engine";

const lineSchema = z.object({
  messages: z
    .array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() }))
    .min(1, "at least one message"),
  answer: z.string(),
});

export class ScoreLineError extends Error {}

/** Parses JSONL text; the error names the line (1-based) and what is wrong with it. Blank lines are skipped. */
export function parseScoreLines(text: string, where = "input"): ScoreInput[] {
  const out: ScoreInput[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const at = `${where}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ScoreLineError(`${at}: not valid JSON`);
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ScoreLineError(`${at}: ${issue.path.join(".") || "(line)"}: ${issue.message}`);
    }
    out.push(parsed.data);
  });
  if (!out.length) throw new ScoreLineError(`${where}: no input lines`);
  return out;
}
