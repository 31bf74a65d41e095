import { describe, expect, it } from "vitest";
import { createUserSchema } from "./create-user.schema";
import { updateUserSchema } from "./update-user.schema";

describe("createUserSchema", () => {
  const valid = { email: "  Li.Wei@Hospital.cn ", name: "李伟", roles: ["ANNOTATOR", "ANNOTATOR", "ADJUDICATOR"], password: "secret-123" };

  it("normalises the e-mail and de-duplicates roles", () => {
    const parsed = createUserSchema.parse(valid);
    expect(parsed.email).toBe("li.wei@hospital.cn");
    expect(parsed.roles).toEqual(["ANNOTATOR", "ADJUDICATOR"]);
  });

  it("names the field that is wrong", () => {
    const r = createUserSchema.safeParse({ ...valid, roles: ["DOCTOR"] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["roles", 0]);
    const noRole = createUserSchema.safeParse({ ...valid, roles: [] });
    expect(noRole.error!.issues[0].message).toMatch(/at least one role/);
  });

  it("rejects short passwords and passwords bcrypt would truncate", () => {
    expect(createUserSchema.safeParse({ ...valid, password: "short" }).success).toBe(false);
    // 25 Chinese characters are 75 UTF-8 bytes
    const long = createUserSchema.safeParse({ ...valid, password: "密".repeat(25) });
    expect(long.error!.issues[0].message).toMatch(/72 bytes/);
  });
});

describe("updateUserSchema", () => {
  it("needs at least one change and refuses unknown fields", () => {
    expect(updateUserSchema.safeParse({}).success).toBe(false);
    expect(updateUserSchema.safeParse({ password: "x" }).success).toBe(false);
    expect(updateUserSchema.parse({ active: false })).toEqual({ active: false });
  });
});
