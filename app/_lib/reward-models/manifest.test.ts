import { describe, expect, it } from "vitest";
import { heldOutFigures, normalizer, parseManifest } from "./manifest";

const sha = "a".repeat(64);
const valid = () => ({
  format: "medrank-reward-model",
  version: 1,
  source: { run_dir: "rm-1" },
  variants: { fp32: { file: "model.onnx" }, int8: { file: "model.int8.onnx" } },
  tokenizer: { file: "tokenizer.json", padding_side: "right", pad_token_id: 0, bos_token_id: 1, eos_token_id: 2 },
  chat_format: { kind: "medrank-default", system_prompt: "", max_length: 512, truncation: "medrank-v1" },
  normalization: { mean: 1, std: 2 },
  held_out: { pairwise_accuracy: 0.7 },
  files: ["model.onnx", "model.int8.onnx", "tokenizer.json"].map((name) => ({ name, bytes: 10, sha256: sha })),
});

describe("parseManifest", () => {
  it("accepts an export's manifest", () => {
    expect(parseManifest(valid()).variants.int8?.file).toBe("model.int8.onnx");
  });

  it("names the wrong field", () => {
    const m = valid();
    (m.chat_format as { max_length: unknown }).max_length = "long";
    expect(() => parseManifest(m)).toThrow(/chat_format\.max_length/);
  });

  it("refuses a variant or tokenizer file missing from files, and unsafe file names", () => {
    const m = valid();
    m.files = m.files.filter((f) => f.name !== "model.int8.onnx");
    expect(() => parseManifest(m)).toThrow(/model\.int8\.onnx is used but missing from files/);
    const n = valid();
    n.files.push({ name: "../etc/passwd", bytes: 1, sha256: sha });
    expect(() => parseManifest(n)).toThrow(/files\.3\.name/);
  });

  it("refuses a truncation rule this app does not implement", () => {
    const m = valid();
    m.chat_format.truncation = "keep-start";
    expect(() => parseManifest(m)).toThrow(/truncation/);
  });
});

describe("normalizer", () => {
  it("uses the validation mean and std, and leaves scores raw without them or when the RM collapsed", () => {
    expect(normalizer(parseManifest(valid()))(5)).toBe(2);
    expect(normalizer(parseManifest({ ...valid(), normalization: null }))(5)).toBe(5);
    expect(normalizer(parseManifest({ ...valid(), normalization: { mean: 1, std: 1e-5 } }))(5)).toBe(5);
  });
});

describe("heldOutFigures", () => {
  it("reads the manifest's names and the trainer's metric names", () => {
    expect(heldOutFigures({ pairwise_accuracy: 0.7, kendall_tau: 0.4 })).toMatchObject({ pairwiseAccuracy: 0.7, kendallTau: 0.4 });
    expect(heldOutFigures({ "reward/accuracy": 0.6, "reward/kendall_tau": 0.2 })).toMatchObject({ pairwiseAccuracy: 0.6, kendallTau: 0.2 });
    expect(heldOutFigures(null)).toEqual({ pairwiseAccuracy: null, kendallTau: null, rankings: null });
  });
});
