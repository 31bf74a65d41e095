import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/app/_lib/auth/passwords";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import { createUser as createTestUser } from "@/app/_lib/testing/factories";
import { createUserSchema } from "./create-user.schema";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { resetPassword } from "./reset-password";
import { updateUser } from "./update-user";

const uniqueEmail = () => `u-${crypto.randomUUID().slice(0, 8)}@Hospital.Example`;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("createUser", () => {
  it("stores a bcrypt hash that verifies, returns no hash, and audits without the password", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const data = createUserSchema.parse({ email: uniqueEmail(), name: "王医生", roles: ["ANNOTATOR", "ADJUDICATOR"], password: "pa55word-x" });
    const user = await createUser({ actorId: admin.id, data });

    expect(user).not.toHaveProperty("passwordHash");
    expect(user.email).toBe(data.email);
    expect(user.roles).toEqual(["ANNOTATOR", "ADJUDICATOR"]);
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(await verifyPassword("pa55word-x", row.passwordHash!)).toBe(true);

    const entries = await db.auditLog.findMany({ where: { entityId: user.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "user.create", actorId: admin.id, entityType: "User" });
    expect(JSON.stringify(entries[0].data)).not.toContain("pa55word");
  });

  it("refuses a second user with the same e-mail, whatever its case, and writes nothing", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const email = uniqueEmail();
    await createUser({ actorId: admin.id, data: createUserSchema.parse({ email, name: "A", roles: ["ANNOTATOR"], password: "12345678" }) });
    const before = await db.auditLog.count({ where: { actorId: admin.id } });
    const again = createUserSchema.parse({ email: email.toUpperCase(), name: "B", roles: ["ANNOTATOR"], password: "12345678" });
    expect(await codeOf(createUser({ actorId: admin.id, data: again }))).toBe("CONFLICT");
    expect(await db.auditLog.count({ where: { actorId: admin.id } })).toBe(before);
  });
});

describe("updateUser", () => {
  it("sets roles and logs the change from → to", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const user = await createTestUser({ roles: ["ANNOTATOR"] });
    const updated = await updateUser({ actorId: admin.id, userId: user.id, data: { roles: ["ANNOTATOR", "ADJUDICATOR"] } });
    expect(updated.roles).toEqual(["ANNOTATOR", "ADJUDICATOR"]);
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: "user.set_roles" } });
    expect(entry.data).toEqual({ from: ["ANNOTATOR"], to: ["ANNOTATOR", "ADJUDICATOR"] });
  });

  it("deactivates and reactivates a user, one audit entry each", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const user = await createTestUser({ roles: ["ANNOTATOR"] });
    expect((await updateUser({ actorId: admin.id, userId: user.id, data: { active: false } })).active).toBe(false);
    expect((await updateUser({ actorId: admin.id, userId: user.id, data: { active: true } })).active).toBe(true);
    const actions = (await db.auditLog.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.deactivate", "user.reactivate"]);
  });

  it("lets an admin be demoted while another active admin remains", async () => {
    const a = await createTestUser({ roles: ["ADMIN"] });
    const b = await createTestUser({ roles: ["ADMIN"] });
    const demoted = await updateUser({ actorId: a.id, userId: b.id, data: { roles: ["ANNOTATOR"] } });
    expect(demoted.roles).toEqual(["ANNOTATOR"]);
  });

  it("refuses to let an admin deactivate themselves, even with another admin around", async () => {
    const me = await createTestUser({ roles: ["ADMIN"] });
    const other = await createTestUser({ roles: ["ADMIN"] });
    expect(await codeOf(updateUser({ actorId: me.id, userId: me.id, data: { active: false } }))).toBe("FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).active).toBe(true);
    expect(await db.auditLog.count({ where: { entityId: me.id, action: "user.deactivate" } })).toBe(0);
    expect((await updateUser({ actorId: other.id, userId: me.id, data: { active: false } })).active).toBe(false);
  });

  it("answers NOT_FOUND for an unknown user", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    expect(await codeOf(updateUser({ actorId: admin.id, userId: "nope", data: { active: false } }))).toBe("NOT_FOUND");
  });
});

describe("resetPassword", () => {
  it("replaces the hash, clears the sign-in throttle and logs no secret", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    const user = await createTestUser({ roles: ["ANNOTATOR"] });
    await db.loginThrottle.create({ data: { key: `account:${user.email}`, attempts: 9 } });
    await resetPassword({ actorId: admin.id, userId: user.id, password: "brand-new-pass" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("brand-new-pass", row.passwordHash!)).toBe(true);
    expect(await db.loginThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0);
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: "user.reset_password" } });
    expect(JSON.stringify(entry.data)).not.toContain("brand-new-pass");
  });

  it("answers NOT_FOUND and logs nothing for an unknown user", async () => {
    const admin = await createTestUser({ roles: ["ADMIN"] });
    expect(await codeOf(resetPassword({ actorId: admin.id, userId: "nope", password: "whatever-1" }))).toBe("NOT_FOUND");
    expect(await db.auditLog.count({ where: { entityId: "nope" } })).toBe(0);
  });
});

describe("listUsers", () => {
  it("lists users without password hashes", async () => {
    const user = await createTestUser({ roles: ["ANNOTATOR"] });
    const all = await listUsers();
    const found = all.find((u) => u.id === user.id);
    expect(found).toBeDefined();
    expect(found).not.toHaveProperty("passwordHash");
  });
});
