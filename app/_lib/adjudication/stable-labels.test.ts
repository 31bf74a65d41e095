import { describe, expect, it } from "vitest";
import { mapCommentLetters, orderText, reviewOrder, stableLabels } from "./stable-labels";

describe("stable candidate labels", () => {
  it("depend on the item only, cover every candidate once, and are not tied to the canonical order", () => {
    const a = reviewOrder("item-1", 4);
    expect([...a].sort()).toEqual([0, 1, 2, 3]);
    expect(reviewOrder("item-1", 4)).toEqual(a);
    const orders = new Set(Array.from({ length: 40 }, (_, i) => reviewOrder(`item-${i}`, 4).join("")));
    expect(orders.size).toBeGreaterThan(10);
    expect(orders.has("0123") && orders.size === 1).toBe(false);
    const labels = stableLabels("item-1", 4);
    expect([...labels.values()].sort()).toEqual(["A", "B", "C", "D"]);
    expect(labels.get(a[0])).toBe("A");
  });

  it("maps the letters an annotator wrote (their own display order) to the stable labels", () => {
    // the annotator saw positions [3, 0, 2, 1] as A, B, C, D; the stable labels are 0→A, 1→B, 2→C, 3→D
    const labels = new Map([[0, "A"], [1, "B"], [2, "C"], [3, "D"]]);
    const parts = mapCommentLetters("回答A不安全，B>D；BP 偏高，A1c 未提及", [3, 0, 2, 1], labels);
    expect(parts).toEqual([
      { text: "回答" },
      { wrote: "A", label: "D" },
      { text: "不安全，" },
      { wrote: "B", label: "A" },
      { text: ">" },
      { wrote: "D", label: "B" },
      { text: "；BP 偏高，A1c 未提及" },
    ]);
  });

  it("leaves letters beyond K and lower-case words alone", () => {
    const labels = new Map([[0, "B"], [1, "A"]]);
    expect(mapCommentLetters("a patient; E is not a candidate; A wins", [0, 1], labels)).toEqual([
      { text: "a patient; E is not a candidate; " },
      { wrote: "A", label: "B" },
      { text: " wins" },
    ]);
    expect(mapCommentLetters("", [0, 1], labels)).toEqual([]);
  });
});

describe("orderText", () => {
  it("writes a ranking best-first in labels, ties joined", () => {
    const labels = new Map([[0, "C"], [1, "A"], [2, "D"], [3, "B"]]);
    expect(orderText([2, 1, 4, 3], labels)).toBe("A > C > B > D");
    expect(orderText([1, 2, 1, 3], labels)).toBe("C = D > A > B");
  });
});
