// Replacement answers ("all candidates are unacceptable"): the annotator's own
// answer ranks above all K candidates and is also kept as supervised data.
//
// Two replacement texts are "the same answer" only when they are equal after
// Unicode NFKC folding (full-width → half-width punctuation) and with all
// whitespace removed (Chinese text does not separate words by spaces, so "CT 检查"
// and "CT检查" are the same answer). Anything more lenient would make the app pick one expert's wording
// over another's without a human deciding, and the final item needs exactly one
// replacement text to train on.

export function normalizeReplacement(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

/** Empty / whitespace-only input means "no replacement". */
export function cleanReplacement(text: string | null | undefined): string | null {
  if (text == null) return null;
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

export function sameReplacement(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return normalizeReplacement(a) === normalizeReplacement(b);
}
