// The error codes a sign-in can end with, as they travel to the login page (next-auth puts
// them in `?error=`). The page shows each in the user's language (common.login.errors.*).
export const SIGN_IN_ERROR = {
  wrongCredentials: "wrong_credentials",
  /** followed by ":<seconds to wait>" */
  throttled: "throttled",
  passwordTooLong: "password_too_long",
  // single sign-on refusals (sso-sign-in.ts)
  ssoUnverifiedEmail: "sso_unverified_email",
  ssoNoEmail: "sso_no_email",
  ssoNoAccount: "sso_no_account",
  ssoDeactivated: "sso_deactivated",
  ssoOtherIdentity: "sso_other_identity",
} as const;

export type SignInErrorCode = (typeof SIGN_IN_ERROR)[keyof typeof SIGN_IN_ERROR];

/** Reads `?error=` into a code and, for the throttle, the seconds to wait; next-auth's own codes map to `sso_failed` / `failed`. */
export function parseSignInError(raw: string | null | undefined): { code: SignInErrorCode | "sso_failed" | "failed"; seconds?: number } | null {
  if (!raw) return null;
  const [code, arg] = raw.split(":");
  if (code === SIGN_IN_ERROR.throttled) {
    const seconds = Number(arg);
    return { code, seconds: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined };
  }
  if ((Object.values(SIGN_IN_ERROR) as string[]).includes(code)) return { code: code as SignInErrorCode };
  // next-auth's own: OAuthSignin, OAuthCallback, OAuthAccountNotLinked, Callback, AccessDenied, …
  if (/^(OAuth|Callback|AccessDenied|OAuthCreateAccount)/.test(raw)) return { code: "sso_failed" };
  return { code: "failed" };
}
