// When a gold item is served. The annotator must not be able to tell a gold item from any
// other, so there is no pattern to learn (not "every 10th item"): each request draws against the
// project's rate. The draw is a hash of (project, annotator, how many items they were served so
// far), which is as unpredictable to the annotator as a random number, and lets a test (or a
// replay of the queue) reproduce exactly who got a gold item when. Rate 0 never serves one,
// rate 1 serves every gold item first.

/** 32-bit FNV-1a with MurmurHash3's final mix (FNV alone spreads keys that differ in the last characters poorly), mapped to [0, 1). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function drawsGold(opts: { projectId: string; annotatorId: string; served: number; rate: number }): boolean {
  if (opts.rate <= 0) return false;
  return unitHash(`${opts.projectId}:${opts.annotatorId}:${opts.served}`) < opts.rate;
}

/** The highest rate an admin may set: beyond it, annotators spend more time on checks than on work. */
export const MAX_GOLD_RATE = 0.5;
