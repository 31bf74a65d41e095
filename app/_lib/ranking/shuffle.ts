// Per-annotator display order: the K candidates are shown in an order that is
// random across annotators (no position bias shared by the two rankings of one
// item) but stable for one annotator (reloading the page shows the same order).
// The order is stored on the assignment; the seed only makes it reproducible.
import { mulberry32 } from "@/app/_lib/random/mulberry32";

/** 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A permutation of 0..k-1 determined by the seed (Fisher–Yates). */
export function seededPermutation(k: number, seed: string): number[] {
  const random = mulberry32(fnv1a(seed));
  const order = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** displayOrder[d] = canonical position of the candidate shown d-th to this person. */
export function displayOrderFor(itemId: string, userId: string, k: number): number[] {
  return seededPermutation(k, `${itemId}:${userId}`);
}
