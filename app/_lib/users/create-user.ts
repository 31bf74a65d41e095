// Creates a user with a bcrypt-hashed password (cost from MEDRANK_BCRYPT_COST).
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { audit } from "@/app/_lib/audit";
import { hashPassword } from "@/app/_lib/auth/passwords";
import { db } from "@/app/_lib/db";
import { AppError } from "@/app/_lib/errors";
import type { CreateUserData } from "./create-user.schema";
import { userViewSelect, type UserView } from "./user-view";

export async function createUser(opts: { actorId: string; data: CreateUserData }): Promise<UserView> {
  const { email, name, roles, password } = opts.data;
  // hash outside the transaction: bcrypt takes ~250 ms at cost 12 and needs no lock
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, roles, passwordHash }, select: userViewSelect });
      await audit(tx, {
        actorId: opts.actorId,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        data: { email, name, roles },
      });
      return user;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("CONFLICT", `a user with e-mail ${email} already exists`, { field: "email" });
    }
    throw err;
  }
}
