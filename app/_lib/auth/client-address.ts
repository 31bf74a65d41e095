// The client's address for the sign-in throttle. Next.js fills X-Forwarded-For with the socket's
// address only when the request has none, and a reverse proxy appends the address it saw, so
// the last entry is the one a client cannot choose (with no proxy in front, a client can send
// the header itself: docs/security.md says to run MedRank behind a proxy that sets it).
export function clientAddress(forwardedFor: string | string[] | null | undefined): string | null {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor;
  const last = header?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  if (!last) return null;
  // "::ffff:127.0.0.1" and "127.0.0.1" are the same client
  return last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, 100);
}
