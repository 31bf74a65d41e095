// Per-annotator display order: the K candidates are shown in an order that is
// random across annotators (no position bias shared by the two rankings of one
// item) but stable for one annotator (reloading the page shows the same order).
// The order is stored on the assignment; the seed only makes it reproducible.

/** 32-bit FNV-1a hash of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, well-distributed PRNG over 32-bit state. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
