// Contract test: the Node port of the trainer's ChatFormat must produce the SAME token ids as the
// trainer (trainer/medrank_trainer/template.py) for the same dialogue and answer — default template
// and tokenizer chat templates (with a reasoning template in non-thinking mode), with and without
// truncation. The trainer's Python runs in .venv (scripts/setup-python.sh) on its tiny tokenizer.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatFormat, type ChatFormatSpec, type FormatMessage } from "./chat-format";

const root = path.resolve(import.meta.dirname, "../../..");
const python = path.join(root, ".venv/bin/python");

const CHATML =
  "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
// Qwen3-like: whitespace control, a loop variable and the enable_thinking switch.
const REASONING = `{%- for m in messages %}
  {%- if m.role == 'assistant' %}
    {{- '<|im_start|>assistant\\n' }}
    {%- if loop.last and enable_thinking is defined and enable_thinking is false %}{{- '<think>\\n\\n</think>\\n\\n' }}{%- endif %}
    {{- m.content + '<|im_end|>\\n' }}
  {%- else %}
    {{- '<|im_start|>' + m.role + '\\n' + m.content + '<|im_end|>\\n' }}
  {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
  {{- '<|im_start|>assistant\\n' }}
  {%- if enable_thinking is defined and enable_thinking is false %}{{- '<think>\\n\\n</think>\\n\\n' }}{%- endif %}
{%- endif %}`;
// A template that writes the answer so that it does not follow the generation prompt: the trainer
// falls back to answer + EOS.
const DIVERGENT =
  "{% for m in messages %}{{ m['role'] + ':' + m['content'] + eos_token }}{% endfor %}{% if add_generation_prompt %}{{ 'A> ' }}{% endif %}";

const patient = (content: string): FormatMessage => ({ role: "user", content });
const doctor = (content: string): FormatMessage => ({ role: "assistant", content });
const long = (s: string, n: number) => s.repeat(n);

type Case = { name: string; template: string | null; systemPrompt: string | null; maxLength: number; messages: FormatMessage[]; answer: string };
const dialogues: Omit<Case, "name" | "template" | "systemPrompt">[] = [
  { maxLength: 512, messages: [patient("我头痛三天了，怎么办？")], answer: "建议您多休息，必要时就医。" },
  { maxLength: 512, messages: [patient("孩子发烧"), doctor("多少度？"), patient("38.5℃，两天了")], answer: "<think>先问病程</think>\n请及时带孩子就医。" },
  { maxLength: 512, messages: [{ role: "system", content: "你是儿科医生。" }, patient("咳嗽一周")], answer: "有痰吗？" },
  { maxLength: 40, messages: [patient(long("胃胀反酸", 20)), doctor("多久了？"), patient("一个月")], answer: "建议做胃镜。" },
  { maxLength: 40, messages: [patient("膝盖疼")], answer: long("注意休息避免爬楼梯", 12) },
  { maxLength: 24, messages: [patient(long("失眠", 30))], answer: long("规律作息", 30) },
];
const formats: { name: string; template: string | null; systemPrompt: string | null }[] = [
  { name: "default", template: null, systemPrompt: null },
  { name: "default, no system prompt", template: null, systemPrompt: "" },
  { name: "default, own system prompt", template: null, systemPrompt: "你是一名全科医生。" },
  { name: "chatml", template: CHATML, systemPrompt: null },
  { name: "reasoning", template: REASONING, systemPrompt: "" },
  { name: "divergent", template: DIVERGENT, systemPrompt: null },
];
const cases: Case[] = formats.flatMap((f) => dialogues.map((d, i) => ({ ...d, ...f, name: `${f.name} #${i + 1}` })));

// The trainer's side: its tiny tokenizer, its ChatFormat, its ids.
const REFERENCE = `
import json, sys
sys.path.insert(0, "trainer")
from medrank_trainer.tiny import build_tokenizer
from medrank_trainer.template import ChatFormat, DEFAULT_SYSTEM_PROMPT
out_dir, cases = sys.argv[1], json.load(sys.stdin)
tok = build_tokenizer()
tok.save_pretrained(out_dir)
result = []
for c in cases:
    tok.chat_template = c["template"]
    chat = ChatFormat(tok, system_prompt=c["systemPrompt"])
    enc = chat.encode_pair(c["messages"], c["answer"], c["maxLength"])
    result.append({"ids": enc.input_ids, "promptLen": enc.prompt_len, "promptTruncated": enc.prompt_truncated,
                   "answerTruncated": enc.answer_truncated, "system": chat.system_prompt})
print(json.dumps(result))
`;

type Reference = { ids: number[]; promptLen: number; promptTruncated: boolean; answerTruncated: boolean; system: string };
let dir = "";
let reference: Reference[] = [];
let tokenizer: Tokenizer;

beforeAll(() => {
  if (!existsSync(python)) throw new Error(`${python} is missing: run bash scripts/setup-python.sh first`);
  dir = mkdtempSync(path.join(tmpdir(), "medrank-chat-format-"));
  const out = execFileSync(python, ["-c", REFERENCE, dir], { cwd: root, input: JSON.stringify(cases), stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 << 20 });
  reference = JSON.parse(out.toString());
  const json = (name: string) => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
  tokenizer = new Tokenizer(json("tokenizer.json"), json("tokenizer_config.json"));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function nodeFormat(c: Case, system: string): ChatFormat {
  const spec: ChatFormatSpec = {
    kind: c.template ? "chat-template" : "medrank-default",
    systemPrompt: system, // the manifest carries the trainer's effective system prompt
    roleLabels: { user: "病人", assistant: "医生" },
    maxLength: c.maxLength,
    chatTemplate: c.template,
    templateKwargs: {},
  };
  const tokens = { bosToken: "<s>", eosToken: "</s>", bosTokenId: tokenizer.token_to_id("<s>") ?? null, templateTokens: { bos_token: "<s>", eos_token: "</s>", pad_token: "<pad>", unk_token: "<unk>" } };
  return new ChatFormat(spec, tokens, (text) => tokenizer.encode(text, { add_special_tokens: false }).ids);
}

describe("ChatFormat (Node) against the trainer's ChatFormat (Python)", () => {
  it.each(cases.map((c, i) => [c.name, i] as const))("%s: same token ids and truncation", (_name, i) => {
    const c = cases[i];
    const ref = reference[i];
    const enc = nodeFormat(c, ref.system).encodePair(c.messages, c.answer);
    expect(enc.inputIds).toEqual(ref.ids);
    expect({ promptLen: enc.promptLen, promptTruncated: enc.promptTruncated, answerTruncated: enc.answerTruncated }).toEqual({
      promptLen: ref.promptLen,
      promptTruncated: ref.promptTruncated,
      answerTruncated: ref.answerTruncated,
    });
  });

  it("covers prompt and answer truncation (the cases exercise both rules)", () => {
    expect(reference.some((r) => r.promptTruncated && !r.answerTruncated)).toBe(true);
    expect(reference.some((r) => r.answerTruncated)).toBe(true);
    expect(reference.every((r, i) => r.ids.length <= cases[i].maxLength)).toBe(true);
  });
});
