// next-auth parses its own POST bodies (req.text() on the whole form) before any of our code
// runs; this wrapper reads the form first, at most BODY_LIMITS.authForm bytes of it, and hands
// next-auth a copy. An oversized sign-in form is a 413 and never reaches the password check.
// (Cross-site requests: next-auth checks its own double-submit CSRF token on every POST that
// changes something — sign-in, the credentials callback, sign-out — so no Origin rule is added.)
import "server-only";
import { NextRequest } from "next/server";
import { errorResponse } from "../errors";
import { BODY_LIMITS, readLimitedBody } from "./body-limit";

export function withLimitedForm<C>(handler: (req: NextRequest, ctx: C) => Promise<Response>, limit: number = BODY_LIMITS.authForm) {
  return async (req: NextRequest, ctx: C): Promise<Response> => {
    let copy: NextRequest;
    try {
      const body = await readLimitedBody(req, limit);
      copy = new NextRequest(req.url, { method: req.method, headers: req.headers, body: body.byteLength ? body : undefined });
    } catch (err) {
      return errorResponse(err);
    }
    return handler(copy, ctx);
  };
}
