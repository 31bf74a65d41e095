import { describe, expect, it } from "vitest";
import { runs } from "@/app/_lib/i18n/messages/runs";
import { launchRunSchema, ppoConfigSchema, rmConfigSchema, sampleConfigSchema } from "./launch-run.schema";

describe("launch schema", () => {
  it("fills the trainer's defaults for hyperparameters left out", () => {
    const parsed = launchRunSchema.parse({ kind: "RM", projectId: "p", modelPath: "/m", snapshot: { mode: "latest" }, config: { max_steps: 10 } });
    expect(parsed.config).toMatchObject({ max_steps: 10, learning_rate: 1e-4, lora: true, lora_r: 16 });
    expect(parsed.maxAttempts).toBe(3);
  });

  it("names the field that is wrong", () => {
    const bad = launchRunSchema.safeParse({ kind: "PPO", projectId: "p", modelPath: " ", rewardRunId: "r", snapshot: { mode: "existing", snapshotId: "" }, config: { mini_batch_size: 32, batch_size: 16 } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["modelPath", "snapshot.snapshotId"]));
    const cfg = ppoConfigSchema.safeParse({ mini_batch_size: 32, batch_size: 16 });
    expect(cfg.error!.issues[0]).toMatchObject({ path: ["mini_batch_size"], message: "mini_batch_size must not exceed batch_size" });
    expect(rmConfigSchema.safeParse({ max_steps: 0, epochs: 0 }).error!.issues[0].message).toBe("set max_steps > 0 or epochs > 0");
  });

  it("has a hint in both languages for every hyperparameter the form shows", () => {
    const keys = [rmConfigSchema, ppoConfigSchema, sampleConfigSchema].flatMap((s) => Object.keys(s.parse({})));
    for (const key of keys) {
      expect(runs.zh[`param.${key}`], key).toBeTruthy();
      expect(runs.en[`param.${key}`], key).toBeTruthy();
    }
  });
});
