// The last-admin rule counts every active admin in the database, so these tests run in a
// database of their own: other test files create admins concurrently in the shared one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "@/app/_lib/errors";

const name = `medrank_test_last_admin_${process.pid}`;
const serverUrl = new URL(inject("databaseUrl"));

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl.toString().replace(/\/[^/]*$/, "/postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let mod: {
  db: typeof import("@/app/_lib/db").db;
  updateUser: typeof import("./update-user").updateUser;
  createTestUser: typeof import("@/app/_lib/testing/factories").createUser;
};

beforeAll(async () => {
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const dir = path.resolve("prisma/migrations");
  for (const m of readdirSync(dir).filter((d) => /^\d/.test(d)).sort()) {
    await client.query(readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
  }
  await client.end();
  // the app's env and Prisma client are created on first use: point them at this database first
  process.env.DATABASE_URL = url.toString();
  mod = {
    db: (await import("@/app/_lib/db")).db,
    updateUser: (await import("./update-user")).updateUser,
    createTestUser: (await import("@/app/_lib/testing/factories")).createUser,
  };
});

afterAll(async () => {
  await mod?.db.$disconnect();
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Error && err.name === "AppError") return err as AppError;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("the last active admin", () => {
  it("cannot lose the ADMIN role or be deactivated; another admin unlocks both", async () => {
    const root = await mod.createTestUser({ roles: ["ADMIN", "ANNOTATOR"] });
    const demote = await errorOf(mod.updateUser({ actorId: root.id, userId: root.id, data: { roles: ["ANNOTATOR"] } }));
    expect(demote.code).toBe("CONFLICT");
    expect(demote.message).toMatch(/last active admin/);
    const deactivate = await errorOf(mod.updateUser({ actorId: root.id, userId: root.id, data: { active: false } }));
    expect(deactivate.code).toBe("CONFLICT");
    expect((await mod.db.user.findUniqueOrThrow({ where: { id: root.id } })).roles).toContain("ADMIN");
    expect(await mod.db.auditLog.count()).toBe(0);

    // an inactive admin does not count
    const dormant = await mod.createTestUser({ roles: ["ADMIN"] });
    await mod.db.user.update({ where: { id: dormant.id }, data: { active: false } });
    expect((await errorOf(mod.updateUser({ actorId: root.id, userId: root.id, data: { active: false } }))).code).toBe("CONFLICT");

    await mod.updateUser({ actorId: root.id, userId: dormant.id, data: { active: true } });
    const demoted = await mod.updateUser({ actorId: root.id, userId: root.id, data: { roles: ["ANNOTATOR"] } });
    expect(demoted.roles).toEqual(["ANNOTATOR"]);
  });

  it("survives two admins demoting each other at the same moment: one of them stays admin", async () => {
    await mod.db.user.updateMany({ where: { roles: { has: "ADMIN" } }, data: { active: false } });
    const a = await mod.createTestUser({ roles: ["ADMIN"] });
    const b = await mod.createTestUser({ roles: ["ADMIN"] });
    const results = await Promise.allSettled([
      mod.updateUser({ actorId: a.id, userId: b.id, data: { roles: ["ANNOTATOR"] } }),
      mod.updateUser({ actorId: b.id, userId: a.id, data: { roles: ["ANNOTATOR"] } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const remaining = await mod.db.user.count({ where: { active: true, roles: { has: "ADMIN" } } });
    expect(remaining).toBe(1);
  });
});
