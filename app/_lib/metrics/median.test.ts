import { describe, expect, it } from "vitest";
import { median } from "./median";

describe("median", () => {
  it("takes the middle value of an odd list regardless of order", () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  it("averages the two middle values of an even list", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("is null for no values and does not reorder the input", () => {
    expect(median([])).toBeNull();
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });
});
