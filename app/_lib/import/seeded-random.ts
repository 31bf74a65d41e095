import { createHash } from "node:crypto";
import { mulberry32 } from "@/app/_lib/random/mulberry32";

/**
 * A small deterministic PRNG (mulberry32) seeded from any strings: the same seed and file always
 * give the same distractors and the same candidate order.
 */
export function seededRandom(...parts: (string | number)[]): () => number {
  return mulberry32(createHash("sha256").update(parts.join("\u0000")).digest().readUInt32LE(0));
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
