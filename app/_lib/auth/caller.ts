// Who is asking: a signed-in user (next-auth session cookie) or a script with a personal
// API token (Authorization: Bearer mr_…). The user row is re-read on every request.
import "server-only";
import { createHash } from "node:crypto";
import { getServerSession } from "next-auth";
import type { Role } from "@/app/_generated/prisma/client";
import { db } from "../db";
import { authOptions } from "./options";

export type Caller = { id: string; email: string; name: string; roles: Role[]; via: "session" | "token" };

export const API_TOKEN_PREFIX = "mr_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function callerFromToken(token: string): Promise<Caller | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || !row.user.active) return null;
  // Record use at most once a minute: a script calling in a loop should not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, roles } = row.user;
  return { id, email, name, roles, via: "token" };
}

export async function getCaller(req?: Request): Promise<Caller | null> {
  const header = req?.headers.get("authorization");
  if (header?.startsWith("Bearer ")) {
    const token = header.slice(7).trim();
    return token.startsWith(API_TOKEN_PREFIX) ? callerFromToken(token) : null;
  }
  const session = (await getServerSession(authOptions())) as { uid?: string } | null;
  if (!session?.uid) return null;
  const user = await db.user.findUnique({ where: { id: session.uid } });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, via: "session" };
}

export function hasRole(caller: Pick<Caller, "roles">, roles: readonly Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}
