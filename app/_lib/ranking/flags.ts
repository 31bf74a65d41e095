// Per-candidate flags of a ranking: { "<position>": ["inaccurate", …] }.
// Keys are canonical positions (like ranks), codes come from the rubric.

import { FLAG_CODES, type FlagCode } from "./rubric";
import type { RankProblem } from "./ranks";

export type CandidateFlags = Record<string, FlagCode[]>;

export function flagProblems(flags: Record<string, readonly string[]>, k: number, field = "flags"): RankProblem[] {
  const problems: RankProblem[] = [];
  for (const [key, codes] of Object.entries(flags)) {
    const position = Number(key);
    if (!Number.isInteger(position) || position < 0 || position >= k || String(position) !== key) {
      problems.push({ path: `${field}.${key}`, message: `flag key must be a candidate position from 0 to ${k - 1}` });
      continue;
    }
    codes.forEach((code, i) => {
      if (!(FLAG_CODES as readonly string[]).includes(code)) {
        problems.push({ path: `${field}.${key}[${i}]`, message: `unknown flag "${code}"; expected one of ${FLAG_CODES.join(", ")}` });
      }
    });
  }
  return problems;
}

/** Drops empty lists, removes duplicates and sorts codes in rubric order, so equal flag sets compare equal. */
export function normalizeFlags(flags: Record<string, readonly string[]>): CandidateFlags {
  const out: CandidateFlags = {};
  for (const key of Object.keys(flags).sort((a, b) => Number(a) - Number(b))) {
    const codes = FLAG_CODES.filter((c) => flags[key].includes(c));
    if (codes.length > 0) out[key] = codes;
  }
  return out;
}
