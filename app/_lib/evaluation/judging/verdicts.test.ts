import { describe, expect, it } from "vitest";
import { drawLeftIsA, sideToVerdict, verdictToSide } from "./verdicts";

describe("left/right ↔ A/B", () => {
  it("maps the judge's side to the system it showed there", () => {
    expect(sideToVerdict("left", true)).toBe("A");
    expect(sideToVerdict("right", true)).toBe("B");
    expect(sideToVerdict("left", false)).toBe("B");
    expect(sideToVerdict("right", false)).toBe("A");
    expect(sideToVerdict("tie", false)).toBe("TIE");
  });

  it("round-trips for both orders", () => {
    for (const leftIsA of [true, false]) {
      for (const side of ["left", "tie", "right"] as const) expect(verdictToSide(sideToVerdict(side, leftIsA), leftIsA)).toBe(side);
    }
  });

  it("draws both orders", () => {
    expect(drawLeftIsA(() => 0.1)).toBe(true);
    expect(drawLeftIsA(() => 0.9)).toBe(false);
  });
});
