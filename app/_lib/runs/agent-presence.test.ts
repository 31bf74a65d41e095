import { describe, expect, it } from "vitest";
import { agentPresence, queueWaits } from "./agent-presence";

const now = new Date("2026-12-03T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("agentPresence", () => {
  it("is online while contacts keep coming, offline after three missed ones", () => {
    const info = { pollSeconds: 5, heartbeatSeconds: 15, kinds: ["RM", "PPO"] };
    expect(agentPresence({ lastSeenAt: ago(40), revokedAt: null, info }, now)).toEqual({ online: true, offlineAfterSeconds: 55, kinds: ["RM", "PPO"] });
    expect(agentPresence({ lastSeenAt: ago(56), revokedAt: null, info }, now).online).toBe(false);
  });

  it("a fast agent goes offline sooner, never before 20 s; a revoked or silent one is offline", () => {
    expect(agentPresence({ lastSeenAt: ago(19), revokedAt: null, info: { pollSeconds: 0.5, heartbeatSeconds: 1 } }, now).online).toBe(true);
    expect(agentPresence({ lastSeenAt: ago(21), revokedAt: null, info: { pollSeconds: 0.5, heartbeatSeconds: 1 } }, now).online).toBe(false);
    expect(agentPresence({ lastSeenAt: ago(1), revokedAt: ago(0), info: {} }, now).online).toBe(false);
    expect(agentPresence({ lastSeenAt: null, revokedAt: null, info: {} }, now).online).toBe(false);
  });
});

describe("queueWaits", () => {
  const runs = [{ id: "a", kind: "RM" }, { id: "b", kind: "PPO" }, { id: "c", kind: "SAMPLE" }];
  it("no agent online", () => {
    expect(queueWaits(runs, [{ online: false, kinds: ["RM"], running: 0 }]).get("a")).toEqual({ position: 1, queued: 3, reason: "noAgentOnline" });
  });
  it("online agents that do not take the kind, busy agents, runs ahead", () => {
    const waits = queueWaits(runs, [{ online: true, kinds: ["RM", "PPO"], running: 0 }, { online: true, kinds: ["SAMPLE"], running: 1 }]);
    expect(waits.get("a")?.reason).toBe("next");
    expect(waits.get("b")).toEqual({ position: 2, queued: 3, reason: "behindOthers" });
    expect(waits.get("c")?.reason).toBe("agentsBusy");
    expect(queueWaits([{ id: "x", kind: "SAMPLE" }], [{ online: true, kinds: ["RM"], running: 0 }]).get("x")?.reason).toBe("noAgentForKind");
  });
});
