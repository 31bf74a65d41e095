import { describe, expect, it } from "vitest";
import { checkHealth, healthChecker } from "./check-health";

describe("checkHealth", () => {
  it("reports the app and the database up, with the time the database took", async () => {
    const clock = [100, 107];
    const health = await checkHealth({ ping: async () => 1, now: () => clock.shift()! });
    expect(health).toEqual({ status: "ok", app: "up", database: { status: "up", latencyMs: 7 } });
  });

  it("reports the database down when the query fails, and says nothing of why", async () => {
    const health = await checkHealth({ ping: () => Promise.reject(new Error("password authentication failed for user medrank")) });
    expect(health.status).toBe("unavailable");
    expect(health.database.status).toBe("down");
    expect(JSON.stringify(health)).not.toContain("password");
  });

  it("reports the database down when it does not answer in time", async () => {
    const health = await checkHealth({ ping: () => new Promise(() => {}), timeoutMs: 20 });
    expect(health.database.status).toBe("down");
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(19);
  });
});

describe("healthChecker", () => {
  it("waits longer for the first answer (a cold start), then holds the database to the short limit", async () => {
    let release!: () => void;
    const slow = () => new Promise<void>((resolve) => (release = resolve));
    const check = healthChecker(slow, { first: 60_000, warm: 20 });
    const first = check();
    release();
    expect((await first).database.status).toBe("up");
    expect((await check()).database.status).toBe("down");
  });
});
