import { describe, expect, it } from "vitest";
import {
  emptyPlacement,
  fromRanks,
  isComplete,
  lastPlaced,
  moveBy,
  placeAt,
  placeNext,
  rankOfSlot,
  restorePlacement,
  toggleTie,
  toRanks,
  unplace,
  type Placement,
  unplaced,
} from "./placement";

describe("placement board", () => {
  const shown = [2, 0, 3, 1]; // display order: A = 2, B = 0, C = 3, D = 1

  it("starts with nothing ranked", () => {
    const pl = emptyPlacement(4);
    expect(isComplete(pl)).toBe(false);
    expect(toRanks(pl)).toEqual([null, null, null, null]);
    expect(unplaced(pl, shown)).toEqual(shown);
  });

  it("places answers in the next free slot, one key each, and completes once all are placed", () => {
    let pl = emptyPlacement(4);
    for (const p of [3, 2, 1]) pl = placeNext(pl, p);
    expect(pl.slots).toEqual([3, 2, 1, null]);
    expect(isComplete(pl)).toBe(false);
    expect(placeNext(pl, 3)).toBe(pl); // already placed: stays
    pl = placeNext(pl, 0);
    expect(isComplete(pl)).toBe(true);
    expect(toRanks(pl)).toEqual([4, 3, 2, 1]);
  });

  it("puts an answer at a rank: swapping with a placed mover, displacing for an unplaced one", () => {
    let pl = placeNext(placeNext(emptyPlacement(4), 0), 1); // [0, 1, -, -]
    expect(placeAt(pl, 1, 0).slots).toEqual([1, 0, null, null]);
    pl = placeAt(pl, 2, 1); // 2 takes slot 1, 1 becomes unplaced
    expect(pl.slots).toEqual([0, 2, null, null]);
    expect(placeAt(pl, 3, 3).slots).toEqual([0, 2, null, 3]);
    expect(placeAt(pl, 3, 9)).toBe(pl);
  });

  it("moves one slot with Alt+arrows, unplaces with Backspace", () => {
    let pl = placeNext(placeNext(placeNext(emptyPlacement(4), 0), 1), 2); // [0, 1, 2, -]
    expect(moveBy(pl, 2, -1).slots).toEqual([0, 2, 1, null]);
    expect(moveBy(pl, 0, -1)).toBe(pl);
    expect(moveBy(pl, 2, +1).slots).toEqual([0, 1, null, 2]);
    expect(lastPlaced(pl)).toBe(2);
    pl = unplace(pl, 1);
    expect(pl.slots).toEqual([0, null, 2, null]);
    expect(lastPlaced(emptyPlacement(3))).toBeNull();
  });

  it("ties an answer with the one above; moving it unties it", () => {
    let pl: Placement = { slots: [2, 0, 3, 1], tied: [false, false, false, false] };
    pl = toggleTie(pl, 3);
    expect(toRanks(pl)).toEqual([2, 4, 1, 2]);
    expect(rankOfSlot(pl, 2)).toBe(2);
    expect(toggleTie(pl, 2)).toBe(pl); // the first slot cannot tie upwards
    expect(toRanks(moveBy(pl, 3, 1))).toEqual([2, 3, 1, 4]);
    expect(toRanks(toggleTie(pl, 3))).toEqual([2, 4, 1, 3]);
  });

  it("round-trips a stored ranking and drops a saved board that no longer fits", () => {
    expect(toRanks(fromRanks([2, 1, 2, 4]))).toEqual([2, 1, 2, 4]);
    expect(restorePlacement({ slots: [1, null, 0, null], tied: [false, false, true, false] }, 4)).toEqual({ slots: [1, null, 0, null], tied: [false, false, false, false] });
    expect(restorePlacement({ slots: [1, 1, null, null] }, 4)).toEqual(emptyPlacement(4));
    expect(restorePlacement({ slots: [0, 1, 2] }, 4)).toEqual(emptyPlacement(4));
  });
});
