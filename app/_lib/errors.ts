// One error type for the app: a code that maps to an HTTP status, a message safe to show.
import { ZodError } from "zod";

export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return errorStatus[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export function zodToAppError(err: ZodError, where = "body"): AppError {
  const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  const message = first ? `invalid ${where}: ${first.path || "(root)"}: ${first.message}` : `invalid ${where}`;
  return new AppError("VALIDATION", message, { issues });
}

/** Turns any thrown value into a JSON response; unknown errors are logged, never echoed. */
export function errorResponse(err: unknown): Response {
  const appError =
    err instanceof AppError ? err : err instanceof ZodError ? zodToAppError(err) : undefined;
  if (!appError) {
    console.error("[medrank] unexpected error", err);
    const body: ErrorBody = { error: { code: "INTERNAL", message: "Internal server error" } };
    return Response.json(body, { status: 500 });
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, details: appError.details } };
  return Response.json(body, { status: appError.status });
}
