// A personal API token: "mr_" + 32 random bytes (base64url). Only its sha256 is stored
// (getCaller looks tokens up by hashToken); the secret is shown once, at creation.
import { randomBytes } from "node:crypto";
import { API_TOKEN_PREFIX, hashToken } from "@/app/_lib/auth/caller";

/** Characters kept in clear so a user can tell their tokens apart (prefix + 6 of the random part). */
export const VISIBLE_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

export function newTokenSecret(): { secret: string; tokenHash: string; prefix: string } {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { secret, tokenHash: hashToken(secret), prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH) };
}
