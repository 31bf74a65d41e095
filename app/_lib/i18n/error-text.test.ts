import { describe, expect, it } from "vitest";
import { ApiError } from "../query/api-fetch";
import { errorText } from "./error-text";
import { translator } from "./translate";

describe("error text", () => {
  const zh = translator("zh");
  const en = translator("en");

  it("says a refusal by its reason, in the user's language", () => {
    const err = new ApiError("This assignment already has a different ranking", 409, "CONFLICT", { reason: "ALREADY_SUBMITTED" });
    expect(errorText(zh, err)).toBe("这一条已经在另一个标签页或设备上提交过了。");
    expect(errorText(en, err)).toMatch(/already submitted in another tab/);
  });

  it("falls back to the code, and keeps the field a validation error names", () => {
    expect(errorText(zh, new ApiError("Sign in or send an API token", 401, "UNAUTHORIZED"))).toBe("登录已过期，请重新登录。");
    expect(errorText(zh, new ApiError("invalid body: flags.2: bad", 422, "VALIDATION"))).toBe("提交的内容有误，请检查后重试。 详情：invalid body: flags.2: bad");
    expect(errorText(en, new ApiError("?", 418, "HTTP_ERROR"))).toBe("The server had a problem: try again in a moment.");
    expect(errorText(en, new TypeError("Failed to fetch"))).toMatch(/cannot be reached/);
  });
});
