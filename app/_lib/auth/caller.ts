// Who is asking: a signed-in user (next-auth session cookie) or a script with a personal
// API token (Authorization: Bearer mr_…). The user row is re-read on every request, so a
// deactivation, a role change or a bumped session version (session-version.ts) ends an
// existing session at its next request.
import "server-only";
import { createHash } from "node:crypto";
import { getServerSession } from "next-auth";
import type { Role } from "@/app/_generated/prisma/client";
import { db } from "../db";
import { authOptions } from "./options";

export type Caller = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  via: "session" | "token";
  /** signed in with a one-time password that must be changed before anything else */
  mustChangePassword: boolean;
};

/** What the session cookie carries (app/_lib/auth/options.ts): the user id and the session version it was issued under. */
export type SessionClaims = { uid?: string; sv?: number };

export const API_TOKEN_PREFIX = "mr_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function callerFromToken(token: string): Promise<Caller | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || !row.user.active || row.user.mustChangePassword) return null;
  // Record use at most once a minute: a script calling in a loop should not write on every call.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  const { id, email, name, roles } = row.user;
  return { id, email, name, roles, via: "token", mustChangePassword: false };
}

/** The caller a session cookie stands for: none when the user is gone, deactivated, or the session's version is stale. */
export async function callerFromSession(session: SessionClaims | null): Promise<Caller | null> {
  if (!session?.uid || typeof session.sv !== "number") return null;
  const user = await db.user.findUnique({ where: { id: session.uid } });
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;
  const { id, email, name, roles, mustChangePassword } = user;
  return { id, email, name, roles, via: "session", mustChangePassword };
}

/**
 * The caller of a route handler (with `req`) or a page. A user who must still change a
 * one-time password counts as signed out everywhere except where `allowPasswordChange` is set
 * (the page gate, which redirects to the change-password page, and CHANGE_PASSWORD_ROUTE).
 */
export const CHANGE_PASSWORD_ROUTE = "/api/users/me/password";

export async function getCaller(req?: Request, opts: { allowPasswordChange?: boolean } = {}): Promise<Caller | null> {
  const header = req?.headers.get("authorization");
  if (header?.startsWith("Bearer ")) {
    const token = header.slice(7).trim();
    return token.startsWith(API_TOKEN_PREFIX) ? callerFromToken(token) : null;
  }
  const caller = await callerFromSession((await getServerSession(authOptions())) as SessionClaims | null);
  const changingPassword = opts.allowPasswordChange || (req !== undefined && new URL(req.url).pathname === CHANGE_PASSWORD_ROUTE);
  if (caller?.mustChangePassword && !changingPassword) return null;
  return caller;
}

export function hasRole(caller: Pick<Caller, "roles">, roles: readonly Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}
