// How (dialogue, answer) becomes token ids for a reward model: a port of the trainer's ChatFormat
// (trainer/medrank_trainer/template.py), driven by the exported manifest's `chat_format`, so that
// Node feeds the ONNX model exactly the ids PyTorch scored with. Framework-free (runs in the worker).
//
// Two sources of formatting, as in the trainer:
// - "medrank-default": <bos>{system}\n 病人：…\n 医生：…<eos>\n … 医生：{answer}<eos>
// - "chat-template": the tokenizer's Jinja chat template (rendered with @huggingface/jinja, which
//   trims and left-strips blocks like transformers does); the answer is what the full conversation
//   adds after the generation prompt, without its trailing newlines.
// Truncation keeps the whole answer when it fits in max_length − max_length/4 and the END of the
// dialogue (the patient's latest message), keeping a leading BOS.
import { Template } from "@huggingface/jinja";

export type FormatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatFormatSpec = {
  kind: "medrank-default" | "chat-template";
  systemPrompt: string;
  roleLabels: { user: string; assistant: string };
  maxLength: number;
  chatTemplate: string | null;
  templateKwargs: Record<string, unknown>;
};

export type SpecialTokens = {
  bosToken: string | null;
  eosToken: string;
  bosTokenId: number | null;
  /** Strings the chat template may read (bos_token, eos_token, pad_token, unk_token). */
  templateTokens: Record<string, string>;
};

export type EncodedPair = { inputIds: number[]; promptLen: number; promptTruncated: boolean; answerTruncated: boolean };

export type Encode = (text: string) => number[];

const THINK_OPEN = "<think>";
const LEADING_THINK = /^\s*<think>[\s\S]*?<\/think>\s*/;

/** The answer without a leading `<think>…</think>` block (a doctor's answer is what the patient reads). */
export function stripReasoning(answer: string): string {
  return answer.replace(LEADING_THINK, "");
}

export class ChatFormat {
  private readonly template: Template | null;
  private readonly templateKwargs: Record<string, unknown>;

  constructor(
    readonly spec: ChatFormatSpec,
    readonly tokens: SpecialTokens,
    private readonly encode: Encode,
  ) {
    if (spec.kind === "chat-template") {
      if (!spec.chatTemplate) throw new Error("chat_format.kind is chat-template but chat_format.chat_template is empty");
      this.template = new Template(spec.chatTemplate);
      // Reasoning templates (Qwen3 style) run in non-thinking mode, as the trainer does.
      const reasoning = spec.chatTemplate.includes(THINK_OPEN);
      this.templateKwargs = { ...(reasoning ? { enable_thinking: false } : {}), ...spec.templateKwargs };
    } else {
      this.template = null;
      this.templateKwargs = {};
    }
  }

  private apply(messages: FormatMessage[], addGenerationPrompt: boolean): string {
    return this.template!.render({
      ...this.tokens.templateTokens,
      ...this.templateKwargs,
      messages,
      add_generation_prompt: addGenerationPrompt,
    });
  }

  private withSystem(messages: readonly FormatMessage[]): FormatMessage[] {
    const msgs = messages.map((m) => ({ role: m.role, content: m.content }));
    if (this.spec.systemPrompt && (msgs.length === 0 || msgs[0].role !== "system")) {
      msgs.unshift({ role: "system", content: this.spec.systemPrompt });
    }
    return msgs;
  }

  renderPrompt(messages: readonly FormatMessage[]): string {
    const msgs = this.withSystem(messages);
    if (this.template) return this.apply(msgs, true);
    const { user, assistant } = this.spec.roleLabels;
    const parts = [this.tokens.bosToken ?? ""];
    for (const m of msgs) {
      if (m.role === "system") parts.push(`${m.content}\n`);
      else if (m.role === "user") parts.push(`${user}：${m.content}\n`);
      else parts.push(`${assistant}：${m.content}${this.tokens.eosToken}\n`);
    }
    parts.push(`${assistant}：`);
    return parts.join("");
  }

  /** The answer as it follows `renderPrompt(messages)`, with its end-of-turn marker. */
  renderAnswer(answer: string, messages: readonly FormatMessage[]): string {
    const text = stripReasoning(answer);
    if (this.template) {
      const msgs = this.withSystem(messages);
      const prompt = this.apply(msgs, true);
      const full = this.apply([...msgs, { role: "assistant", content: text }], false);
      if (full.startsWith(prompt)) return full.slice(prompt.length).replace(/\n+$/, "");
    }
    return text + this.tokens.eosToken;
  }

  /** Keep the last `budget` ids, and a leading BOS if the prompt started with one. */
  private keepEnd(ids: number[], budget: number): number[] {
    if (ids.length <= budget) return ids;
    if (budget <= 0) return [];
    const bos = this.tokens.bosTokenId;
    if (bos !== null && ids[0] === bos && budget > 1) return [bos, ...ids.slice(ids.length - (budget - 1))];
    return ids.slice(ids.length - budget);
  }

  encodePair(messages: readonly FormatMessage[], answer: string, maxLength = this.spec.maxLength): EncodedPair {
    const prompt = this.encode(this.renderPrompt(messages));
    let ans = this.encode(this.renderAnswer(answer, messages));
    if (prompt.length + ans.length <= maxLength) {
      return { inputIds: [...prompt, ...ans], promptLen: prompt.length, promptTruncated: false, answerTruncated: false };
    }
    // The prompt keeps at least a quarter of the window (its end: the patient's latest message).
    const promptFloor = Math.min(prompt.length, Math.max(1, Math.floor(maxLength / 4)));
    const answerTruncated = ans.length > maxLength - promptFloor;
    if (answerTruncated) {
      const budget = maxLength - promptFloor;
      // Keep the beginning of the answer and its end-of-turn token (last id).
      ans = [...ans.slice(0, Math.max(budget - 1, 0)), ...ans.slice(-1)];
    }
    const kept = this.keepEnd(prompt, maxLength - ans.length);
    return { inputIds: [...kept, ...ans], promptLen: kept.length, promptTruncated: kept.length < prompt.length, answerTruncated };
  }
}
