// POST /api/users/me/password body: a user changes their own password (also the form on
// /login/change-password, where a one-time password must be replaced).
import { z } from "zod";
import { passwordSchema } from "./user-fields.schema";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "enter your current password"),
    newPassword: passwordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, { message: "must differ from the current password", path: ["newPassword"] });

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
