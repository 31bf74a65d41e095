// State of the annotator's board, kept pure so it is unit-tested without a browser.
//
// Nothing is ranked on arrival: the board has K empty rank slots (slot 0 = best) and every
// answer starts unplaced. The annotator places each answer in a slot; a ranking exists only
// once every slot is filled. tied[i] says that slot i shares the rank of slot i − 1 (projects
// with ties), so ranks come out in standard competition form (1, 2, 2, 4).
import { tiersFromRanks } from "@/app/_lib/ranking/ranks";

export type Placement = {
  /** slots[i] = canonical position of the answer at rank slot i, null = empty */
  slots: (number | null)[];
  tied: boolean[];
};

export const emptyPlacement = (k: number): Placement => ({ slots: new Array(k).fill(null), tied: new Array(k).fill(false) });

export const slotOf = (pl: Placement, position: number): number => pl.slots.indexOf(position);

export const isComplete = (pl: Placement): boolean => pl.slots.every((s) => s !== null);

/** Unplaced answers, in the order they are shown. */
export const unplaced = (pl: Placement, displayOrder: readonly number[]): number[] => displayOrder.filter((p) => !pl.slots.includes(p));

/** Moving or removing an answer unties the slots it touches: a tie is a judgment about two answers, not two slots. */
function untie(tied: boolean[], ...slots: number[]): boolean[] {
  const out = [...tied];
  for (const s of slots) {
    if (s >= 0) {
      out[s] = false;
      if (s + 1 < out.length) out[s + 1] = false;
    }
  }
  return out;
}

/** Put an answer in a slot. The answer that was there swaps into the mover's old slot (or becomes unplaced). */
export function placeAt(pl: Placement, position: number, slot: number): Placement {
  if (slot < 0 || slot >= pl.slots.length) return pl;
  const from = slotOf(pl, position);
  if (from === slot) return pl;
  const slots = [...pl.slots];
  const occupant = slots[slot];
  if (from >= 0) slots[from] = occupant;
  slots[slot] = position;
  return { slots, tied: untie(pl.tied, from, slot) };
}

/** Put an unplaced answer in the first empty slot (the "next" rank); a placed answer stays where it is. */
export function placeNext(pl: Placement, position: number): Placement {
  if (slotOf(pl, position) >= 0) return pl;
  const free = pl.slots.indexOf(null);
  return free < 0 ? pl : placeAt(pl, position, free);
}

export function unplace(pl: Placement, position: number): Placement {
  const from = slotOf(pl, position);
  if (from < 0) return pl;
  const slots = [...pl.slots];
  slots[from] = null;
  return { slots, tied: untie(pl.tied, from) };
}

/** The answer in the last filled slot (what Backspace takes back when no answer is focused). */
export function lastPlaced(pl: Placement): number | null {
  for (let i = pl.slots.length - 1; i >= 0; i--) if (pl.slots[i] !== null) return pl.slots[i];
  return null;
}

/** Move a placed answer up (−1, better) or down (+1) one slot, swapping with what is there. */
export function moveBy(pl: Placement, position: number, delta: number): Placement {
  const from = slotOf(pl, position);
  return from < 0 ? pl : placeAt(pl, position, from + delta);
}

/** Tie the answer with the one in the slot above it, or untie it. */
export function toggleTie(pl: Placement, position: number): Placement {
  const slot = slotOf(pl, position);
  if (slot <= 0 || pl.slots[slot - 1] === null) return pl;
  const tied = [...pl.tied];
  tied[slot] = !tied[slot];
  return { slots: pl.slots, tied };
}

/** 1-based rank of a slot: its own number, or that of the slot it is tied to. */
export function rankOfSlot(pl: Placement, slot: number): number {
  let s = slot;
  while (s > 0 && pl.tied[s]) s--;
  return s + 1;
}

/** Rank per canonical position (the submit body's ranks); null for an unplaced answer. */
export function toRanks(pl: Placement): (number | null)[] {
  const ranks: (number | null)[] = new Array(pl.slots.length).fill(null);
  pl.slots.forEach((p, slot) => {
    if (p !== null) ranks[p] = rankOfSlot(pl, slot);
  });
  return ranks;
}

/** The board for a stored ranking (a submitted one, shown read-only). */
export function fromRanks(ranks: readonly number[]): Placement {
  const slots: number[] = [];
  const tied: boolean[] = [];
  for (const tier of tiersFromRanks(ranks)) {
    tier.forEach((p, i) => {
      slots.push(p);
      tied.push(i > 0);
    });
  }
  return { slots, tied };
}

/** A saved board that no longer fits (K changed, a position out of range) is dropped, not trusted. */
export function restorePlacement(saved: { slots: (number | null)[]; tied?: boolean[] } | null | undefined, k: number): Placement {
  if (!saved || saved.slots.length !== k) return emptyPlacement(k);
  const seen = new Set<number>();
  for (const p of saved.slots) {
    if (p === null) continue;
    if (p < 0 || p >= k || seen.has(p)) return emptyPlacement(k);
    seen.add(p);
  }
  const tied = Array.from({ length: k }, (_, i) => i > 0 && Boolean(saved.tied?.[i]) && saved.slots[i] !== null && saved.slots[i - 1] !== null);
  return { slots: [...saved.slots], tied };
}
