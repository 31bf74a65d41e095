import { expect, it } from "vitest";
import { formatBytes } from "./format";

it("formats artifact sizes", () => {
  expect(formatBytes(900)).toBe("900 B");
  expect(formatBytes(1536)).toBe("1.5 KB");
  expect(formatBytes(250 * 1024 * 1024)).toBe("250 MB");
});
