import { describe, expect, it } from "vitest";
import { flatten, initialTiers, isTiedWithAbove, moveBy, moveTo, rankOf, tiersFromRanking, toRanks, toggleTieWithAbove } from "./board-state";

describe("ranking board state", () => {
  const start = initialTiers([2, 0, 3, 1]); // display order

  it("starts in display order, ranked top to bottom", () => {
    expect(flatten(start)).toEqual([2, 0, 3, 1]);
    expect(toRanks(start)).toEqual([2, 4, 1, 3]);
  });

  it("moves a candidate to a slot (keys 1–4)", () => {
    const t = moveTo(start, 1, 0);
    expect(flatten(t)).toEqual([1, 2, 0, 3]);
    expect(rankOf(t, 1)).toBe(1);
    expect(flatten(moveTo(start, 2, 3))).toEqual([0, 3, 1, 2]);
  });

  it("moves by one with the arrows and stops at the ends", () => {
    expect(flatten(moveBy(start, 0, -1))).toEqual([0, 2, 3, 1]);
    expect(flatten(moveBy(start, 2, -1))).toEqual([2, 0, 3, 1]);
    expect(flatten(moveBy(start, 1, +1))).toEqual([2, 0, 3, 1]);
  });

  it("ties a candidate with the one above and unties it", () => {
    const tied = toggleTieWithAbove(start, 3);
    expect(toRanks(tied)).toEqual([2, 4, 1, 2]);
    expect(isTiedWithAbove(tied, 3)).toBe(true);
    expect(isTiedWithAbove(tied, 0)).toBe(false);
    expect(toggleTieWithAbove(tied, 3)).toEqual(start);
    // the first candidate cannot tie upwards
    expect(toggleTieWithAbove(start, 2)).toEqual(start);
  });

  it("moving a tied candidate out of its tie leaves the rest tied", () => {
    const tied = toggleTieWithAbove(toggleTieWithAbove(start, 3), 1); // [2], [0, 3, 1]
    expect(toRanks(tied)).toEqual([2, 2, 1, 2]);
    const moved = moveTo(tied, 3, 0);
    expect(flatten(moved)).toEqual([3, 2, 0, 1]);
    expect(toRanks(moved)).toEqual([3, 3, 2, 1]);
  });

  it("moving into the middle of a tie splits it", () => {
    const tied = [[0, 1, 2], [3]];
    expect(moveTo(tied, 3, 1)).toEqual([[0], [3], [1, 2]]);
  });

  it("round-trips a stored ranking", () => {
    expect(toRanks(tiersFromRanking([2, 1, 2, 4]))).toEqual([2, 1, 2, 4]);
  });
});
