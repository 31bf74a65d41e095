import { describe, expect, it } from "vitest";
import { differsFromDisplayOrder } from "./display-order";

describe("differs from the display order", () => {
  const shown = [2, 0, 3, 1]; // slot 0 shows candidate 2, …

  it("is false when the ranking repeats the order shown", () => {
    expect(differsFromDisplayOrder([2, 4, 1, 3], shown)).toBe(false);
  });

  it("is true for any other order, including the canonical one and ties", () => {
    expect(differsFromDisplayOrder([1, 2, 3, 4], shown)).toBe(true);
    expect(differsFromDisplayOrder([2, 4, 1, 2], shown)).toBe(true);
    expect(differsFromDisplayOrder([1, 2, 3, 4], [0, 1, 2, 3])).toBe(false);
  });
});
