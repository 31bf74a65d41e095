import { describe, expect, it } from "vitest";
import { evalPromptsHash, type EvalPromptInput } from "./prompt-hash";

const p = (id: string, text: string): EvalPromptInput => ({ externalId: id, messages: [{ role: "user", content: text }], department: null, kind: "dialogue" });

describe("evalPromptsHash", () => {
  it("pins the prompts: a changed text or order changes the hash, the same prompts keep it", () => {
    const base = evalPromptsHash([p("a", "头痛"), p("b", "发烧")]);
    expect(evalPromptsHash([p("a", "头痛"), p("b", "发烧")])).toBe(base);
    expect(evalPromptsHash([p("b", "发烧"), p("a", "头痛")])).not.toBe(base);
    expect(evalPromptsHash([p("a", "头痛。"), p("b", "发烧")])).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
