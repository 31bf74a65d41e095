// An error in the user's language, from its code — never the server's English sentence alone.
// The server's errors carry a code (app/_lib/errors.ts) and, for refusals that need more than
// the code, details.reason; both map to messages in messages/errors.ts. Usable by any client
// component: errorText(t, err) for API errors (sign-in refusals: auth/sign-in-errors.ts).
import { ApiError } from "../query/api-fetch";
import type { Translate } from "./translate";

/** The refusal reason an API error carries (details.reason), if any. */
export function errorReason(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null;
  const reason = (err.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === "string" ? reason : null;
}

function has(t: Translate, key: string): boolean {
  return t(key) !== key;
}

/**
 * The message for an error: the reason's if there is one, else the code's. For a validation error
 * whose reason is unknown, the server's message follows (it names the field, e.g. "flags.2").
 */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    const reason = errorReason(err);
    if (reason && has(t, `errors.reason.${reason}`)) return t(`errors.reason.${reason}`);
    const byCode = has(t, `errors.code.${err.code}`) ? t(`errors.code.${err.code}`) : t("errors.code.INTERNAL");
    return err.code === "VALIDATION" && err.message ? `${byCode} ${t("errors.detail", { message: err.message })}` : byCode;
  }
  // fetch() rejects with a TypeError when the server cannot be reached
  if (err instanceof TypeError) return t("errors.code.NETWORK");
  return t("errors.code.INTERNAL");
}

/**
 * The message for a failed next-auth sign-in. `error` is signIn()'s result.error: "CredentialsSignin",
 * an error code (UNAUTHORIZED, RATE_LIMITED, …) or the English message the credentials check threw.
 */
