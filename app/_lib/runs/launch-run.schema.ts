// POST /api/runs — what an admin fills in to launch a run. One schema per kind, joined on
// `kind`; the same schema checks the launch form in the browser and the body on the server.
// Hyperparameter keys are the trainer's own config field names (trainer/medrank_trainer/*.py),
// so the agent hands `config` to the trainer as its --config file unchanged.
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const num = (min: number, max: number) => z.number().min(min).max(max);

/** Which rankings a run reads: a frozen snapshot, or a new snapshot of the project's current final rankings. */
export const snapshotChoiceSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("existing"), snapshotId: storableString().min(1, "pick a snapshot") }),
  z.object({ mode: z.literal("latest") }),
]);
export type SnapshotChoice = z.infer<typeof snapshotChoiceSchema>;

const common = {
  projectId: storableString().min(1, "pick a project"),
  name: storableString().trim().max(120).optional(),
  modelPath: storableString().trim().min(1, "give the model directory on the trainer host").max(1000),
  maxAttempts: int(1, 10).default(3),
};

export const rmConfigSchema = z.object({
  max_steps: int(0, 10_000_000).default(0),
  epochs: num(0, 1000).default(1),
  learning_rate: num(1e-8, 1).default(1e-4),
  per_device_batch_size: int(1, 1024).default(4),
  gradient_accumulation_steps: int(1, 1024).default(1),
  max_length: int(8, 65_536).default(1024),
  lora: z.boolean().default(true),
  lora_r: int(1, 1024).default(16),
  val_fraction: num(0, 0.9).default(0.1),
  eval_every: int(1, 1_000_000).default(50),
  save_every: int(1, 1_000_000).default(50),
  seed: int(0, 2 ** 31 - 1).default(0),
}).refine((c) => c.max_steps > 0 || c.epochs > 0, { message: "set max_steps > 0 or epochs > 0", path: ["max_steps"] });

export const ppoConfigSchema = z.object({
  total_steps: int(1, 10_000_000).default(200),
  batch_size: int(1, 4096).default(16),
  mini_batch_size: int(1, 4096).default(4),
  ppo_epochs: int(1, 100).default(4),
  learning_rate: num(1e-9, 1).default(1e-5),
  init_kl_coef: num(0, 100).default(0.05),
  adaptive_kl: z.boolean().default(true),
  kl_target: num(0, 1000).default(6),
  max_prompt_tokens: int(8, 65_536).default(512),
  max_new_tokens: int(1, 8192).default(128),
  temperature: num(0.01, 10).default(1),
  lora_r: int(1, 1024).default(16),
  save_every: int(1, 1_000_000).default(50),
  seed: int(0, 2 ** 31 - 1).default(0),
}).refine((c) => c.mini_batch_size <= c.batch_size, { message: "mini_batch_size must not exceed batch_size", path: ["mini_batch_size"] });

export const sampleConfigSchema = z.object({
  temperature: num(0.01, 10).default(0.8),
  top_p: num(0.01, 1).default(0.95),
  max_new_tokens: int(1, 8192).default(256),
  max_prompt_tokens: int(8, 65_536).default(1024),
  batch_size: int(1, 4096).default(8),
  seed: int(0, 2 ** 31 - 1).default(0),
});

/**
 * GENERATE runs (evaluation systems): one answer per prompt, decoding pinned. temperature 0 is
 * greedy decoding (the default: the same model and prompts always give the same answers).
 */
export const generateDecodingSchema = z.object({
  max_new_tokens: int(1, 8192).default(256),
  temperature: num(0, 10).default(0),
  top_p: num(0.01, 1).default(1),
  seed: int(0, 2 ** 31 - 1).default(0),
  max_prompt_tokens: int(8, 65_536).default(1024),
  batch_size: int(1, 4096).default(8),
});
export type GenerateDecoding = z.infer<typeof generateDecodingSchema>;

export const launchRmSchema = z.object({
  kind: z.literal("RM"),
  ...common,
  snapshot: snapshotChoiceSchema,
  config: rmConfigSchema,
});

export const launchPpoSchema = z.object({
  kind: z.literal("PPO"),
  ...common,
  rewardRunId: storableString().min(1, "pick a finished reward-model run"),
  /** Prompts: the snapshot's dialogues (only the messages are used). */
  snapshot: snapshotChoiceSchema,
  config: ppoConfigSchema,
});

export const launchSampleSchema = z.object({
  kind: z.literal("SAMPLE"),
  ...common,
  /** Optional PPO run whose LoRA adapter is applied to the policy. */
  adapterRunId: storableString().min(1).optional(),
  k: int(2, 8).optional(), // default: the project's K
  maxItems: int(1, 100_000).default(1000),
  /** Serve the items this run fills before older open items (they would otherwise wait behind them). */
  frontOfQueue: z.boolean().default(false),
  config: sampleConfigSchema,
});

export const launchRunSchema = z.discriminatedUnion("kind", [launchRmSchema, launchPpoSchema, launchSampleSchema]);
export type LaunchRunInput = z.infer<typeof launchRunSchema>;
export type LaunchRunForm = z.input<typeof launchRunSchema>;
