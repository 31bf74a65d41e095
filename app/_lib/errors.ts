// One error type for the app: a code that maps to an HTTP status, a message safe to show.
import { ZodError } from "zod";

export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
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

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_S = 5;

// Prisma codes and driver-adapter kinds that mean "no database connection" (not "bad query").
const UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);

/** Whether an error (or one it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 4) return false;
  const e = err as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  if (typeof e.code === "string" && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.kind === "string" && UNREACHABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && /Connection terminated|Can't reach database server/.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

// A value the database refused for what it is, not for a fault of the app. The schemas refuse
// these first, naming the field (app/_lib/api/storable-text.ts, db-numbers.ts); this is the net
// under them for input that reaches a query without a schema (route params, say).
const UNSTORABLE_TEXT_CODES = new Set(["22021", "22P05"]); // invalid byte sequence (NUL), unsupported Unicode escape
const OUT_OF_RANGE_CODES = new Set(["22003", "ValueOutOfRange"]);

function databaseRefusal(err: unknown, depth = 0): AppError | undefined {
  if (!err || typeof err !== "object" || depth > 4) return undefined;
  const e = err as { code?: unknown; kind?: unknown; name?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const code = typeof e.code === "string" ? e.code : typeof e.kind === "string" ? e.kind : undefined;
  if (code && UNSTORABLE_TEXT_CODES.has(code)) {
    return new AppError("VALIDATION", "The request holds text the database cannot store (a NUL character or invalid Unicode)");
  }
  if ((code && OUT_OF_RANGE_CODES.has(code)) || (e.name === "PrismaClientValidationError" && typeof e.message === "string" && /Unable to fit value/.test(e.message))) {
    return new AppError("VALIDATION", "The request holds a number out of the range the database stores");
  }
  return databaseRefusal(e.meta?.driverAdapterError?.cause, depth + 1) ?? databaseRefusal(e.cause, depth + 1);
}

/** Turns any thrown value into a JSON response; unknown errors are logged, never echoed. */
export function errorResponse(err: unknown): Response {
  if (isDatabaseUnavailable(err)) {
    console.error("[medrank] database unreachable", err instanceof Error ? err.message.split("\n").at(-1) : err);
    const body: ErrorBody = { error: { code: "UNAVAILABLE", message: "The database is not reachable; try again shortly" } };
    return Response.json(body, { status: 503, headers: { "Retry-After": String(DATABASE_RETRY_AFTER_S) } });
  }
  const appError =
    err instanceof AppError ? err : err instanceof ZodError ? zodToAppError(err) : databaseRefusal(err);
  if (!appError) {
    console.error("[medrank] unexpected error", err);
    const body: ErrorBody = { error: { code: "INTERNAL", message: "Internal server error" } };
    return Response.json(body, { status: 500 });
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, details: appError.details } };
  return Response.json(body, { status: appError.status });
}
