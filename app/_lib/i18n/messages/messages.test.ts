import { describe, expect, it } from "vitest";
import { messages } from "./index";

describe("UI messages", () => {
  for (const [area, m] of Object.entries(messages)) {
    it(`${area}: Chinese and English have the same keys`, () => {
      expect(Object.keys(m.en).sort()).toEqual(Object.keys(m.zh).sort());
    });
  }
});
