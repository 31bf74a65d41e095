// PATCH /api/users/[userId] body: rename, set roles, deactivate / reactivate.
import { z } from "zod";
import { rolesSchema, userNameSchema } from "./user-fields.schema";

export const updateUserSchema = z
  .object({
    name: userNameSchema.optional(),
    roles: rolesSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.roles !== undefined || v.active !== undefined, {
    message: "nothing to change: give name, roles or active",
  });

export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type UpdateUserData = z.output<typeof updateUserSchema>;
