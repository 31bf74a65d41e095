import { expect, it } from "vitest";
import { suggestRmConfig } from "./rm-defaults";

it("a first snapshot of 65 rankings keeps 20 for validation and evaluates ~10 times", () => {
  const s = suggestRmConfig(65)!;
  expect(s.config).toEqual({ val_fraction: 0.3, per_device_batch_size: 4, epochs: 3, max_steps: 0, eval_every: 3, save_every: 3 });
  expect(s.reasons.map((r) => r.key)).toEqual(["val", "epochs", "every"]);
  expect(s.reasons[0].vars).toMatchObject({ v: 20 });
});

it("warns when even 30 % leaves too few validation rankings; shrinks the batch for tiny data", () => {
  const s = suggestRmConfig(12)!;
  expect(s.config.val_fraction).toBe(0.3);
  expect(s.reasons[0]).toMatchObject({ key: "valFew", vars: { v: 4 } });
  expect(s.config.per_device_batch_size).toBe(4);
  expect(suggestRmConfig(5)!.config.per_device_batch_size).toBe(1);
});

it("large snapshots keep the trainer's 10 % and one epoch", () => {
  const s = suggestRmConfig(5000)!;
  expect(s.config).toMatchObject({ val_fraction: 0.1, epochs: 1, eval_every: 112 });
});

it("suggests nothing for an empty snapshot (the launch is refused instead)", () => {
  expect(suggestRmConfig(0)).toBeNull();
});
