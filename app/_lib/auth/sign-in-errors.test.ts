import { describe, expect, it } from "vitest";
import { messages } from "../i18n/messages";
import { parseSignInError, SIGN_IN_ERROR } from "./sign-in-errors";

describe("parseSignInError", () => {
  it("reads the throttle's wait", () => {
    expect(parseSignInError("throttled:17")).toEqual({ code: "throttled", seconds: 17 });
    expect(parseSignInError("throttled:nonsense")).toEqual({ code: "throttled", seconds: undefined });
  });

  it("passes MedRank's own codes and folds next-auth's into two generic ones", () => {
    expect(parseSignInError("sso_no_account")).toEqual({ code: "sso_no_account" });
    expect(parseSignInError("OAuthCallback")).toEqual({ code: "sso_failed" });
    expect(parseSignInError("AccessDenied")).toEqual({ code: "sso_failed" });
    expect(parseSignInError("<script>")).toEqual({ code: "failed" });
    expect(parseSignInError(null)).toBeNull();
  });

  it("has a message in both languages for every code the login page can show", () => {
    const codes = [...Object.values(SIGN_IN_ERROR), "sso_failed", "failed"];
    for (const locale of ["zh", "en"] as const) {
      for (const code of codes) expect(messages.auth[locale][`errors.${code}`], `${locale} ${code}`).toBeTruthy();
    }
  });
});
