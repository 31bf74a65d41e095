// mulberry32: a small, fast, well-mixed PRNG over 32 bits of state, even for small consecutive
// seeds. Every seeded draw in the app uses it (display orders, imports, held-out picks, the
// bootstrap), so the same seed gives the same numbers everywhere: on a page, in an export, in a test.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
