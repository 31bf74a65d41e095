import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

const origin = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it("keeps a path on our own origin, with its query and fragment", () => {
    expect(safeCallbackPath("/annotate?project=p1#top", origin)).toBe("/annotate?project=p1#top");
    expect(safeCallbackPath("/admin/users")).toBe("/admin/users");
  });

  it("reduces an absolute URL of our own origin to its path", () => {
    expect(safeCallbackPath("http://localhost:3000/runs/r1?tab=logs", origin)).toBe("/runs/r1?tab=logs");
  });

  it.each([
    "https://evil.example/x",
    "//evil.example/x",
    "///evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example",
    "javascript:alert(1)",
    "http://localhost:3001/x",
    "evil.example/x",
    " //evil.example/x",
    "https:/evil.example",
  ])("sends %j to / instead of another site", (raw) => {
    expect(safeCallbackPath(raw, origin)).toBe("/");
  });

  it("falls back to / when there is no destination", () => {
    expect(safeCallbackPath(null)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
  });
});
