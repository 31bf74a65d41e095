// While the database is unreachable a route answers 503 with Retry-After (a client, or the
// trainer agent, waits and retries) rather than a 500 that reads like a bug.
import { createServer } from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PrismaClient } from "@/app/_generated/prisma/client";
import { AppError, errorResponse } from "./errors";

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the query to fail");
}

describe("errorResponse", () => {
  beforeEach(() => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // unknown errors are logged; not in the test output
  });

  it("answers 503 with Retry-After when the database cannot be reached", async () => {
    const port = await closedPort();
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://medrank:x@127.0.0.1:${port}/medrank` }) });
    for (const err of [await thrown(db.user.findFirst()), await thrown(db.$transaction(async (tx) => tx.user.count()))]) {
      const res = errorResponse(err);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect((await res.json()).error.code).toBe("UNAVAILABLE");
    }
    await db.$disconnect();
  });

  it("keeps 500 (logged, not echoed) for an error that is not about the connection", async () => {
    const res = errorResponse(new Error("boom at /secret/path"));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("/secret/path");
    expect(errorResponse(new AppError("NOT_FOUND", "x")).status).toBe(404);
  });
});
