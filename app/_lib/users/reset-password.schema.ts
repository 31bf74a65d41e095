// POST /api/users/[userId]/password body: an admin sets a new password for a user.
import { z } from "zod";
import { passwordSchema } from "./user-fields.schema";

export const resetPasswordSchema = z.object({ password: passwordSchema });

export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
