// Where a sign-in may send the browser afterwards: a path on MedRank's own origin, nothing
// else. `/login?callbackUrl=https://evil.example/x`, `//evil.example/x`, `/\evil.example` and
// the like all become "/". Used by the login page (password form and SSO button) and by
// next-auth's redirect callback.
const PROBE_ORIGIN = "http://medrank.invalid";

export function safeCallbackPath(raw: string | null | undefined, ownOrigin?: string): string {
  if (!raw) return "/";
  let value = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    // an absolute URL: only our own origin, reduced to its path
    if (!ownOrigin) return "/";
    try {
      const url = new URL(value);
      if (url.origin !== new URL(ownOrigin).origin) return "/";
      value = url.pathname + url.search + url.hash;
    } catch {
      return "/";
    }
  }
  // browsers treat "\" like "/" and drop tabs and newlines, so "/\evil" and "/\t/evil" are other hosts
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  const resolved = new URL(value, PROBE_ORIGIN);
  if (resolved.origin !== PROBE_ORIGIN) return "/";
  return resolved.pathname + resolved.search + resolved.hash;
}
