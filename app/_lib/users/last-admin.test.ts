import { describe, expect, it } from "vitest";
import { AppError } from "@/app/_lib/errors";
import { assertAdminRemains } from "./last-admin";

describe("assertAdminRemains", () => {
  it("refuses to demote the last active admin", () => {
    const change = { activeAdminIds: ["root"], userId: "root", nextRoles: ["ANNOTATOR" as const], nextActive: true };
    expect(() => assertAdminRemains(change)).toThrow(/last active admin/);
    try {
      assertAdminRemains(change);
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("CONFLICT");
      expect((err as AppError).details).toEqual({ field: "roles" });
    }
  });

  it("refuses to deactivate the last active admin even if the ADMIN role is kept", () => {
    expect(() =>
      assertAdminRemains({ activeAdminIds: ["root"], userId: "root", nextRoles: ["ADMIN"], nextActive: false }),
    ).toThrow(/cannot deactivate the last active admin/);
  });

  it("allows demoting an admin when another active admin remains", () => {
    expect(() =>
      assertAdminRemains({ activeAdminIds: ["root", "other"], userId: "root", nextRoles: ["ANNOTATOR"], nextActive: false }),
    ).not.toThrow();
  });

  it("allows any change to users who are not active admins, and keeping the last admin an admin", () => {
    expect(() =>
      assertAdminRemains({ activeAdminIds: ["root"], userId: "someone", nextRoles: ["ANNOTATOR"], nextActive: false }),
    ).not.toThrow();
    expect(() =>
      assertAdminRemains({ activeAdminIds: ["root"], userId: "root", nextRoles: ["ADMIN", "ANNOTATOR"], nextActive: true }),
    ).not.toThrow();
  });
});
