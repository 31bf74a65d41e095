import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser } from "../testing/factories";
import { createToken } from "../tokens/create-token";
import { changePassword } from "../users/change-password";
import { resetPassword } from "../users/reset-password";
import { updateUser } from "../users/update-user";
import { callerFromSession, getCaller } from "./caller";
import { verifyLogin } from "./login";
import { signOutEverywhere } from "./session-version";
import { TEST_PASSWORD } from "../testing/factories";

const bearer = (token: string) => new Request("http://localhost/api/tokens", { headers: { authorization: `Bearer ${token}` } });

/** The session a sign-in would put in the cookie (options.ts: uid + the user's session version). */
async function sessionOf(email: string) {
  const user = await verifyLogin({ email, password: TEST_PASSWORD });
  return { uid: user.id, sv: user.sessionVersion };
}

describe("the session version", () => {
  it("ends every existing session when the user signs out everywhere; a new sign-in works", async () => {
    const user = await createUser();
    const laptop = await sessionOf(user.email);
    const ward = await sessionOf(user.email);
    expect(await callerFromSession(laptop)).toMatchObject({ id: user.id, via: "session" });
    await signOutEverywhere({ userId: user.id });
    expect(await callerFromSession(laptop)).toBeNull();
    expect(await callerFromSession(ward)).toBeNull();
    expect(await callerFromSession(await sessionOf(user.email))).toMatchObject({ id: user.id });
    expect(await db.auditLog.count({ where: { actorId: user.id, action: "auth.sign_out_everywhere" } })).toBe(1);
  });

  it("ends sessions and revokes every API token when an admin resets the password", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    const user = await createUser();
    const before = await sessionOf(user.email);
    const tokens = await Promise.all(["a", "b"].map((name) => createToken({ caller: { id: user.id, roles: user.roles, via: "session" }, name })));
    await resetPassword({ actorId: admin.id, userId: user.id, password: "a-new-password" });
    expect(await callerFromSession(before)).toBeNull();
    for (const t of tokens) expect(await getCaller(bearer(t.secret))).toBeNull();
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: "user.reset_password" } });
    expect(entry.data).toEqual({ revokedTokens: 2 });
  });

  it("ends sessions on a role change and a deactivation, not on a rename", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    const user = await createUser({ roles: ["ANNOTATOR"] });
    const s1 = await sessionOf(user.email);
    await updateUser({ actorId: admin.id, userId: user.id, data: { name: "新名字" } });
    expect(await callerFromSession(s1)).toMatchObject({ name: "新名字" });
    await updateUser({ actorId: admin.id, userId: user.id, data: { roles: ["ANNOTATOR", "ADJUDICATOR"] } });
    expect(await callerFromSession(s1)).toBeNull();
    const s2 = await sessionOf(user.email);
    await updateUser({ actorId: admin.id, userId: user.id, data: { active: false } });
    await updateUser({ actorId: admin.id, userId: user.id, data: { active: true } });
    expect(await callerFromSession(s2)).toBeNull();
  });

  it("refuses a cookie with no session version (issued before versions existed)", async () => {
    const user = await createUser();
    expect(await callerFromSession({ uid: user.id })).toBeNull();
  });

  it("a password change ends the other sessions and clears the one-time-password mark", async () => {
    const user = await createUser();
    await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const old = await sessionOf(user.email);
    expect(await callerFromSession(old)).toMatchObject({ mustChangePassword: true });
    await expect(changePassword({ userId: user.id, currentPassword: "not-it", newPassword: "changed-pass-1" })).rejects.toMatchObject({ code: "VALIDATION" });
    await changePassword({ userId: user.id, currentPassword: TEST_PASSWORD, newPassword: "changed-pass-1" });
    expect(await callerFromSession(old)).toBeNull();
    const fresh = await verifyLogin({ email: user.email, password: "changed-pass-1" });
    expect(await callerFromSession({ uid: fresh.id, sv: fresh.sessionVersion })).toMatchObject({ mustChangePassword: false });
  });
});
