import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getCaller } from "@/app/_lib/auth/caller";
import { db } from "@/app/_lib/db";
import type { Role } from "@/app/_generated/prisma/enums";
import { AppError } from "@/app/_lib/errors";
import { createUser } from "@/app/_lib/testing/factories";
import { createToken } from "./create-token";
import { listTokens } from "./list-tokens";
import { revokeToken } from "./revoke-token";

type U = { id: string; roles: Role[] };
const session = (u: U) => ({ id: u.id, roles: u.roles, via: "session" as const });
const bearer = (token: string) => new Request("http://localhost/api/tokens", { headers: { authorization: `Bearer ${token}` } });

describe("personal API tokens", () => {
  it("shows the secret once, stores only its sha256, and the secret signs the user in", async () => {
    const user = await createUser({ roles: ["ANNOTATOR"] });
    const token = await createToken({ caller: session(user), name: "评测脚本" });
    expect(token.secret).toMatch(/^mr_[A-Za-z0-9_-]{43}$/);
    expect(token.secret.startsWith(token.prefix)).toBe(true);

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token.secret).digest("hex"));
    expect(JSON.stringify(await listTokens({ userId: user.id }))).not.toContain(token.secret);

    const caller = await getCaller(bearer(token.secret));
    expect(caller).toMatchObject({ id: user.id, via: "token" });

    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: token.id, action: "token.create" } });
    expect(JSON.stringify(entry.data)).not.toContain(token.secret);
  });

  it("lists only the caller's own tokens", async () => {
    const alice = await createUser();
    const bob = await createUser();
    await createToken({ caller: session(alice), name: "a" });
    await createToken({ caller: session(bob), name: "b" });
    expect((await listTokens({ userId: alice.id })).map((t) => t.name)).toEqual(["a"]);
  });

  it("revokes a token so it no longer signs in; another user cannot revoke it", async () => {
    const alice = await createUser();
    const mallory = await createUser();
    const token = await createToken({ caller: session(alice), name: "ci" });

    await expect(revokeToken({ userId: mallory.id, tokenId: token.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getCaller(bearer(token.secret))).not.toBeNull();

    const revoked = await revokeToken({ userId: alice.id, tokenId: token.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await getCaller(bearer(token.secret))).toBeNull();
    // a second revoke is harmless and not logged twice
    await revokeToken({ userId: alice.id, tokenId: token.id });
    expect(await db.auditLog.count({ where: { entityId: token.id, action: "token.revoke" } })).toBe(1);
  });

  it("caps the number of active tokens per user", async () => {
    const user = await createUser();
    await db.apiToken.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({ userId: user.id, name: `t${i}`, prefix: "mr_x", tokenHash: `${user.id}-${i}` })),
    });
    const err = await createToken({ caller: session(user), name: "one too many" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("CONFLICT");
  });

  it("mints tokens only from a browser session: a token cannot mint a token", async () => {
    const user = await createUser();
    const first = await createToken({ caller: session(user), name: "first" });
    const viaToken = (await getCaller(bearer(first.secret)))!;
    expect(viaToken.via).toBe("token");
    await expect(createToken({ caller: viaToken, name: "offspring" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(1);
  });

  it("lets an admin mint a token for another user, audited as the admin's act; nobody else can", async () => {
    const admin = await createUser({ roles: ["ADMIN"] });
    const annotator = await createUser({ roles: ["ANNOTATOR"] });
    const other = await createUser({ roles: ["ANNOTATOR", "ADJUDICATOR"] });
    const token = await createToken({ caller: session(admin), name: "nightly export", userId: annotator.id });
    expect(await getCaller(bearer(token.secret))).toMatchObject({ id: annotator.id, via: "token" });
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: token.id } });
    expect(entry).toMatchObject({ action: "token.create_for_user", actorId: admin.id, data: { name: "nightly export", userId: annotator.id } });

    await expect(createToken({ caller: session(other), name: "x", userId: annotator.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createToken({ caller: session(admin), name: "x", userId: "no-such-user" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
