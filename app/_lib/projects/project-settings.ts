// Project settings limits and the cross-field rules, in one place for the form schema,
// the create route and the update route (where the rule must see the stored values too).
import type { DisagreementRule } from "@/app/_generated/prisma/enums";

export const K_MIN = 2;
export const K_MAX = 8;
export const ANNOTATORS_MIN = 1;
export const ANNOTATORS_MAX = 5;
export const LEASE_MIN_MINUTES = 5;
export const LEASE_MAX_MINUTES = 24 * 60;

export const projectDefaults = {
  description: "",
  k: 4,
  annotatorsPerItem: 2,
  allowTies: false,
  disagreementRule: "ANY_ORDER" as DisagreementRule,
  kendallThreshold: null as number | null,
  leaseMinutes: 30,
  guidelines: "",
};

export type RuleSettings = { disagreementRule: DisagreementRule; kendallThreshold: number | null };
export type SettingsProblem = { field: string; message: string };

/** The threshold belongs to the KENDALL rule only: required there, meaningless elsewhere. */
export function ruleProblems(s: RuleSettings): SettingsProblem[] {
  if (s.disagreementRule === "KENDALL" && s.kendallThreshold === null) {
    return [{ field: "kendallThreshold", message: "the KENDALL rule needs a threshold between -1 and 1" }];
  }
  if (s.disagreementRule !== "KENDALL" && s.kendallThreshold !== null) {
    return [{ field: "kendallThreshold", message: `a threshold only applies to the KENDALL rule, not ${s.disagreementRule}` }];
  }
  return [];
}

export type LockedSettings = {
  current: { k: number; annotatorsPerItem: number };
  next: { k: number; annotatorsPerItem: number };
  itemCount: number;
  rankingCount: number;
};

/**
 * K is the shape of every item (K candidates, rank vectors of length K): it cannot change
 * once items exist. The number of annotators per item decides when an item is complete;
 * changing it under submitted rankings would leave items neither open nor decided.
 */
export function lockedSettingProblems(s: LockedSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (s.next.k !== s.current.k && s.itemCount > 0) {
    problems.push({ field: "k", message: `K cannot change: the project already has ${s.itemCount} items with K = ${s.current.k}` });
  }
  if (s.next.annotatorsPerItem !== s.current.annotatorsPerItem && s.rankingCount > 0) {
    problems.push({
      field: "annotatorsPerItem",
      message: `annotators per item cannot change: ${s.rankingCount} rankings were already submitted`,
    });
  }
  return problems;
}
