import { describe, expect, it } from "vitest";
import { explainServerFailure } from "./embedded-errors";

const ctx = { port: 54329, portSetting: "MEDRANK_PG_PORT", clusterDir: "/data/pg", step: "start" as const };

// What PostgreSQL 18 writes before it exits, as seen from the embedded server.
describe("explainServerFailure", () => {
  it("names the port and the setting that moves it when the port is taken", () => {
    const err = explainServerFailure(
      '2026-12-03 15:20:18.473 UTC [1] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n2026-12-03 15:20:18.473 UTC [1] FATAL:  could not create any TCP/IP sockets\n',
      ctx,
    );
    expect(err.what).toContain("port 54329");
    expect(err.todo).toContain("MEDRANK_PG_PORT=<port>");
    expect(err.todo).toContain("DATABASE_URL");
  });

  it("says which process holds the data directory", () => {
    const err = explainServerFailure(
      '2026-12-03 15:20:18.473 UTC [9] FATAL:  lock file "postmaster.pid" already exists\n2026-12-03 15:20:18.473 UTC [9] HINT:  Is another postmaster (PID 4242) running in data directory "/data/pg"?\n',
      ctx,
    );
    expect(err.what).toContain("pid 4242");
    expect(err.todo).toContain("kill 4242");
  });

  it("otherwise quotes the server's last fatal line without its log prefix, and the way out", () => {
    const err = explainServerFailure("2026-12-03 15:20:18.473 UTC [9] LOG:  starting\n2026-12-03 15:20:18.473 UTC [9] FATAL:  invalid value for parameter \"max_connections\"\n", ctx);
    expect(err.what).toBe('the embedded PostgreSQL did not start: invalid value for parameter "max_connections"');
    expect(err.todo).toContain("npm start -- --fresh");
    expect(err.message.split("\n")).toHaveLength(2);
  });
});
