// The one wrapper for route handlers: authenticates the caller, checks roles, refuses
// cross-site changes made with the session cookie (same-origin.ts), parses params, maps errors
// to JSON responses. Handlers return data (sent as JSON) or a Response.
import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { Role } from "@/app/_generated/prisma/client";
import { type Caller, getCaller, hasRole } from "../auth/caller";
import { getEnv } from "../env";
import { AppError, errorResponse, zodToAppError } from "../errors";
import { BODY_LIMITS, readLimitedText } from "./body-limit";
import { assertJsonContentType, assertSameOrigin, isStateChange } from "./same-origin";

export type HandlerContext<P> = { req: NextRequest; caller: Caller; params: P };

export type RouteOptions = {
  /** What the body is: JSON (the default; a session caller must declare it) or a raw file upload. */
  body?: "json" | "upload";
};

export function withRole<P extends Record<string, string | string[]> = Record<string, never>>(
  roles: readonly Role[] | "any",
  handler: (ctx: HandlerContext<P>) => Promise<unknown>,
  options: RouteOptions = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const caller = await getCaller(req);
      if (!caller) throw new AppError("UNAUTHORIZED", "Sign in or send an API token");
      if (caller.via === "session" && isStateChange(req.method)) {
        assertSameOrigin(req, getEnv().NEXTAUTH_URL);
        if (options.body !== "upload") assertJsonContentType(req);
      }
      if (roles !== "any" && !hasRole(caller, roles)) {
        throw new AppError("FORBIDDEN", `This needs the role ${roles.join(" or ")}`);
      }
      const params = (context?.params ? await context.params : {}) as P;
      const result = await handler({ req, caller, params });
      return result instanceof Response ? result : Response.json(result ?? null);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/**
 * The body as JSON checked by `schema`. At most `limit` bytes are read (body-limit.ts): a larger
 * body is a 413 before it is parsed.
 */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S, limit: number = BODY_LIMITS.json): Promise<z.infer<S>> {
  const text = await readLimitedText(req, limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw zodToAppError(parsed.error, "body");
  return parsed.data;
}

export function parseSearch<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) throw zodToAppError(parsed.error, "query");
  return parsed.data;
}
