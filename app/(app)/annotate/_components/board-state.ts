// State of the ranking widget, kept pure so it is unit-tested without a browser.
// The board is a list of tiers, best first; a tier holds the canonical positions
// of candidates that share a rank (only when the project allows ties). On screen
// the tiers are flattened into one list; a candidate that shares the rank of the
// one above it is "tied with above".
import { ranksFromTiers, tiersFromRanks } from "@/app/_lib/ranking/ranks";

export type Tiers = number[][];

/** Starting state: the display order, no ties. */
export const initialTiers = (displayOrder: readonly number[]): Tiers => displayOrder.map((p) => [p]);

export const tiersFromRanking = (ranks: readonly number[]): Tiers => tiersFromRanks(ranks);

export const flatten = (tiers: Tiers): number[] => tiers.flat();

export const toRanks = (tiers: Tiers): number[] => ranksFromTiers(tiers, flatten(tiers).length);

/** Whether the candidate at this position shares the rank of the one above it. */
export function isTiedWithAbove(tiers: Tiers, position: number): boolean {
  const tier = tiers.find((t) => t.includes(position));
  return tier !== undefined && tier.indexOf(position) > 0;
}

/** 1-based rank shown on the card. */
export function rankOf(tiers: Tiers, position: number): number {
  return toRanks(tiers)[position];
}

/** Move a candidate to a 0-based slot of the flat list; it leaves any tie it was in. */
export function moveTo(tiers: Tiers, position: number, slot: number): Tiers {
  const without = tiers.map((t) => t.filter((p) => p !== position)).filter((t) => t.length > 0);
  const flat = flatten(without);
  const target = Math.max(0, Math.min(slot, flat.length));
  // insert as its own tier before the tier that holds flat[target] (or at the end)
  const out: Tiers = [];
  let seen = 0;
  let placed = false;
  for (const tier of without) {
    if (!placed && seen >= target) {
      out.push([position]);
      placed = true;
    }
    if (!placed && seen + tier.length > target) {
      // the slot falls inside a tie: split the tie around the moved candidate
      const cut = target - seen;
      out.push(tier.slice(0, cut), [position], tier.slice(cut));
      placed = true;
    } else out.push(tier);
    seen += tier.length;
  }
  if (!placed) out.push([position]);
  return out.filter((t) => t.length > 0);
}

export function moveBy(tiers: Tiers, position: number, delta: number): Tiers {
  const slot = flatten(tiers).indexOf(position);
  return moveTo(tiers, position, slot + delta);
}

/** Tie the candidate with the one above it, or untie it. The first candidate cannot tie upwards. */
export function toggleTieWithAbove(tiers: Tiers, position: number): Tiers {
  const index = tiers.findIndex((t) => t.includes(position));
  if (index < 0) return tiers;
  const tier = tiers[index];
  const at = tier.indexOf(position);
  if (at > 0) {
    // untie: this candidate and the ones after it in the tier start a new tier
    return [...tiers.slice(0, index), tier.slice(0, at), tier.slice(at), ...tiers.slice(index + 1)];
  }
  if (index === 0) return tiers;
  // tie with the tier above (only the tier's first candidate is "below" that tier)
  return [...tiers.slice(0, index - 1), [...tiers[index - 1], ...tier], ...tiers.slice(index + 1)];
}
