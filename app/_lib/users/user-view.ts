// What the users API returns about a user: never the password hash or login counters.
import type { Prisma } from "@/app/_generated/prisma/client";

export const userViewSelect = {
  id: true,
  email: true,
  name: true,
  roles: true,
  active: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserSelect;

export type UserView = Prisma.UserGetPayload<{ select: typeof userViewSelect }>;
