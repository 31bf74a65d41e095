// Field schemas shared by the user operations (create, update, reset password).
import { z } from "zod";
import { storableString } from "@/app/_lib/api/storable-text";
import { Role } from "@/app/_generated/prisma/enums";

export const emailSchema = storableString()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "must be an e-mail address" }).max(200, "must be at most 200 characters"));

export const userNameSchema = storableString().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const rolesSchema = z
  .array(z.enum(Role, { message: `must be one of ${Object.values(Role).join(", ")}` }))
  .min(1, "a user needs at least one role")
  // duplicates are harmless but would make role diffs in the audit log noisy
  .transform((roles) => [...new Set(roles)]);

// bcrypt only reads the first 72 bytes of a password: longer ones would silently lose their tail.
export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .refine((p) => new TextEncoder().encode(p).length <= 72, "must be at most 72 bytes (bcrypt limit)");
