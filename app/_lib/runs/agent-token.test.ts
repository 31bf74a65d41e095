import { describe, expect, it } from "vitest";
import { bearerAgentToken, generateAgentToken, hashAgentToken } from "./agent-token";

describe("agent tokens", () => {
  it("are random, prefixed, and stored only as a sha256", () => {
    const a = generateAgentToken();
    const b = generateAgentToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.startsWith("mra_")).toBe(true);
    expect(a.token.startsWith(a.prefix)).toBe(true);
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).toBe(hashAgentToken(a.token));
    expect(a.tokenHash).not.toContain(a.token.slice(4));
  });

  it("are read from a Bearer header only when they look like agent tokens", () => {
    expect(bearerAgentToken("Bearer mra_abc")).toBe("mra_abc");
    expect(bearerAgentToken("bearer   mra_abc ")).toBe("mra_abc");
    expect(bearerAgentToken("Bearer mr_personal")).toBeNull();
    expect(bearerAgentToken("Basic mra_abc")).toBeNull();
    expect(bearerAgentToken(null)).toBeNull();
  });
});
