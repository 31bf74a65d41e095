import { describe, expect, it } from "vitest";
import { FREE_ATTEMPTS, loginDelayMs, loginWaitMs } from "./login-throttle";

describe("login throttle", () => {
  it("lets the first attempts through without delay", () => {
    for (let n = 0; n < FREE_ATTEMPTS; n++) expect(loginDelayMs(n)).toBe(0);
  });

  it("doubles the delay with each further failure, up to a cap", () => {
    const d = [0, 1, 2, 3].map((i) => loginDelayMs(FREE_ATTEMPTS + i));
    expect(d[1]).toBe(d[0] * 2);
    expect(d[3]).toBe(d[0] * 8);
    expect(loginDelayMs(FREE_ATTEMPTS + 40)).toBe(15 * 60_000);
  });

  it("counts the wait from the last failure", () => {
    const last = new Date("2026-01-01T00:00:00Z");
    const delay = loginDelayMs(FREE_ATTEMPTS + 2);
    expect(loginWaitMs(FREE_ATTEMPTS + 2, last, new Date(last.getTime() + 1000))).toBe(delay - 1000);
    expect(loginWaitMs(FREE_ATTEMPTS + 2, last, new Date(last.getTime() + delay + 1))).toBe(0);
    expect(loginWaitMs(2, last, last)).toBe(0);
  });
});
