// POST /api/users body, also used by the "new user" form.
import { z } from "zod";
import { emailSchema, passwordSchema, rolesSchema, userNameSchema } from "./user-fields.schema";

export const createUserSchema = z.object({
  email: emailSchema,
  name: userNameSchema,
  roles: rolesSchema,
  password: passwordSchema,
});

export type CreateUserInput = z.input<typeof createUserSchema>;
export type CreateUserData = z.output<typeof createUserSchema>;
