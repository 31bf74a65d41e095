// The one wrapper for route handlers: authenticates the caller, checks roles, parses
// params, maps errors to JSON responses. Handlers return data (sent as JSON) or a Response.
import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { Role } from "@/app/_generated/prisma/client";
import { type Caller, getCaller, hasRole } from "../auth/caller";
import { AppError, errorResponse, zodToAppError } from "../errors";

export type HandlerContext<P> = { req: NextRequest; caller: Caller; params: P };

export function withRole<P extends Record<string, string | string[]> = Record<string, never>>(
  roles: readonly Role[] | "any",
  handler: (ctx: HandlerContext<P>) => Promise<unknown>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const caller = await getCaller(req);
      if (!caller) throw new AppError("UNAUTHORIZED", "Sign in or send an API token");
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

export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
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
