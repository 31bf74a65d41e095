// manifest.json of an exported reward model folder (`medrank-trainer export-onnx`, docs/formats.md):
// what the app reads from it, checked with zod so that a bad folder is refused naming the field.
// Framework-free: the scoring worker reads it too.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { ChatFormatSpec } from "./chat-format";

export const MANIFEST_FILE = "manifest.json";

/** A file name inside the model folder: plain names or sub/paths, never absolute, never "..". */
export const modelFileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, "a relative file name (letters, digits, . _ - and /)")
  .refine((n) => !n.split("/").some((p) => p === "." || p === ".."), "no '.' or '..' parts")
  .refine((n) => n !== MANIFEST_FILE, "manifest.json is sent as JSON, not as a file");

export const manifestFileSchema = z.object({
  name: modelFileName,
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits"),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

const tokenString = z.string().nullish();

export const manifestSchema = z.object({
  format: z.literal("medrank-reward-model"),
  version: z.literal(1),
  source: z
    .object({
      run_id: z.string().nullish(),
      run_dir: z.string().nullish(),
      base_model: z.string().nullish(),
      checkpoint: z.string().nullish(),
      step: z.number().nullish(),
      snapshot_id: z.string().nullish(),
      snapshot_hash: z.string().nullish(),
    })
    .passthrough()
    .default({}),
  onnx: z.record(z.string(), z.unknown()).default({}),
  variants: z.object({
    fp32: z.object({ file: modelFileName }),
    int8: z.object({ file: modelFileName }).nullish(),
  }),
  tokenizer: z.object({
    file: modelFileName,
    config_file: modelFileName.nullish(),
    padding_side: z.enum(["left", "right"]).default("right"),
    pad_token_id: z.number().int().min(0),
    bos_token_id: z.number().int().min(0).nullish(),
    eos_token_id: z.number().int().min(0),
    bos_token: tokenString,
    eos_token: tokenString,
    pad_token: tokenString,
    unk_token: tokenString,
  }),
  chat_format: z.object({
    kind: z.enum(["medrank-default", "chat-template"]),
    system_prompt: z.string().default(""),
    role_labels: z.object({ user: z.string(), assistant: z.string() }).nullish(),
    max_length: z.number().int().min(8),
    truncation: z.string().default("medrank-v1"),
    chat_template: z.string().nullish(),
    template_kwargs: z.record(z.string(), z.unknown()).nullish(),
  }),
  normalization: z.object({ mean: z.number(), std: z.number() }).nullish(),
  held_out: z.record(z.string(), z.unknown()).nullish(),
  files: z.array(manifestFileSchema).min(1).max(100),
});
export type Manifest = z.infer<typeof manifestSchema>;

export class ManifestError extends Error {}

/** Parses a manifest object; the error names the first wrong field. */
export function parseManifest(value: unknown, where = MANIFEST_FILE): Manifest {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(`${where}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const m = parsed.data;
  if (m.chat_format.truncation !== "medrank-v1") {
    throw new ManifestError(`${where}: chat_format.truncation ${JSON.stringify(m.chat_format.truncation)} is not one this app knows (medrank-v1)`);
  }
  const listed = new Set(m.files.map((f) => f.name));
  if (listed.size !== m.files.length) throw new ManifestError(`${where}: files lists a name twice`);
  const needed = [m.variants.fp32.file, m.variants.int8?.file, m.tokenizer.file, m.tokenizer.config_file].filter((f): f is string => Boolean(f));
  for (const name of needed) {
    if (!listed.has(name)) throw new ManifestError(`${where}: ${name} is used but missing from files`);
  }
  return m;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new ManifestError(`${MANIFEST_FILE} not found in ${dir}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`${MANIFEST_FILE} is not valid JSON (${(err as Error).message})`);
  }
  return parseManifest(value);
}

export const variantsOf = (m: Manifest): ("fp32" | "int8")[] => (m.variants.int8 ? ["fp32", "int8"] : ["fp32"]);

/** The chat format the trainer scored with, in the shape of chat-format.ts. */
export function chatFormatSpec(m: Manifest): ChatFormatSpec {
  const c = m.chat_format;
  return {
    kind: c.kind,
    systemPrompt: c.system_prompt,
    roleLabels: c.role_labels ?? { user: "病人", assistant: "医生" },
    maxLength: c.max_length,
    chatTemplate: c.chat_template ?? null,
    templateKwargs: c.template_kwargs ?? {},
  };
}

/** Below this validation std the trainer calls the RM collapsed and refuses to normalise by it. */
export const MIN_REWARD_STD = 1e-3;

/** (raw − mean) / std with the export's validation statistics; raw when it has none or they show a collapsed RM. */
export function normalizer(m: Manifest): (raw: number) => number {
  const n = m.normalization;
  if (!n || !Number.isFinite(n.std) || n.std < MIN_REWARD_STD) return (raw) => raw;
  return (raw) => (raw - n.mean) / n.std;
}

/** Held-out figures shown on the Reward models page, whatever the trainer named them. */
export function heldOutFigures(heldOut: unknown): { pairwiseAccuracy: number | null; kendallTau: number | null; rankings: number | null } {
  const h = (heldOut && typeof heldOut === "object" ? heldOut : {}) as Record<string, unknown>;
  const num = (...keys: string[]) => {
    for (const k of keys) if (typeof h[k] === "number" && Number.isFinite(h[k])) return h[k] as number;
    return null;
  };
  return {
    pairwiseAccuracy: num("pairwise_accuracy", "accuracy", "reward/accuracy", "eval_accuracy"),
    kendallTau: num("kendall_tau", "mean_kendall_tau", "reward/kendall_tau", "tau"),
    rankings: num("rankings", "val_rankings", "eval_rankings"),
  };
}
