// Agent tokens: a random secret shown once, stored as its sha256 (a leaked database does
// not leak usable tokens). The `mra_` prefix tells agent tokens apart from personal API tokens (`mr_`).
import { createHash, randomBytes } from "node:crypto";

export const AGENT_TOKEN_PREFIX = "mra_";
const PREFIX_SHOWN = AGENT_TOKEN_PREFIX.length + 6;

export function hashAgentToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateAgentToken(): { token: string; prefix: string; tokenHash: string } {
  const token = AGENT_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, PREFIX_SHOWN), tokenHash: hashAgentToken(token) };
}

/** The token of an `Authorization: Bearer mra_…` header, or null when there is none. */
export function bearerAgentToken(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m || !m[1].startsWith(AGENT_TOKEN_PREFIX)) return null;
  return m[1];
}
