// What the tokens API returns about a token: never its hash.
import type { Prisma } from "@/app/_generated/prisma/client";

export const tokenViewSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} satisfies Prisma.ApiTokenSelect;

export type TokenView = Prisma.ApiTokenGetPayload<{ select: typeof tokenViewSelect }>;
