// Cross-site request forgery guard for requests that carry the session cookie.
//
// SameSite=Lax does not stop a page on another port of the same host (same site, other origin)
// from submitting a form with the admin's cookie. So a cookie-authenticated state change
// (POST, PUT, PATCH, DELETE) must come from this app's own origin — the browser's Origin header
// names the app's host, or, where a browser sends no Origin, Sec-Fetch-Site says "same-origin" —
// and a JSON route must be sent as JSON (an HTML form cannot send application/json without
// becoming a CORS request that this app never allows). Bearer-token calls (scripts, the trainer
// agent) carry no ambient credential and are not checked.
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChange(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Hosts (host[:port]) this app answers as: the Host it was reached at, and NEXTAUTH_URL's. */
function ownHosts(req: Request, publicUrl: string | undefined): Set<string> {
  const hosts = new Set<string>();
  for (const name of ["host", "x-forwarded-host"]) {
    const value = req.headers.get(name)?.split(",")[0]?.trim().toLowerCase();
    if (value) hosts.add(value);
  }
  if (publicUrl) {
    try {
      hosts.add(new URL(publicUrl).host.toLowerCase());
    } catch {
      // an unparsable NEXTAUTH_URL is refused at start-up (env.ts); nothing to add here
    }
  }
  return hosts;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" (sandboxed frames, file: pages) or garbage
  }
}

/** Throws 403 unless a cookie-authenticated state change comes from this app's own pages. */
export function assertSameOrigin(req: Request, publicUrl: string | undefined): void {
  const origin = req.headers.get("origin");
  if (origin !== null) {
    const host = hostOf(origin);
    if (host && ownHosts(req, publicUrl).has(host)) return;
    throw new AppError("FORBIDDEN", "Cross-site request refused: this change must come from MedRank's own pages");
  }
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  throw new AppError(
    "FORBIDDEN",
    "Cross-site request refused: send an Origin header naming this server, or use an API token (Authorization: Bearer …)",
  );
}

/** Throws 415 unless a body, if there is one, is declared as JSON. */
export function assertJsonContentType(req: Request): void {
  const type = req.headers.get("content-type");
  if (type === null) {
    // no declared type: acceptable only for an empty body (a POST that carries no data)
    const length = req.headers.get("content-length");
    const chunked = req.headers.get("transfer-encoding") !== null;
    if (length === null ? !chunked : length.trim() === "0") return;
  } else {
    const mime = type.split(";")[0]!.trim().toLowerCase();
    if (mime === "application/json" || /^application\/[\w.+-]+\+json$/.test(mime)) return;
  }
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json)");
}
