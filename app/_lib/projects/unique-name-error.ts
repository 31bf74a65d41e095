import { Prisma } from "@/app/_generated/prisma/client";
import { AppError } from "@/app/_lib/errors";

/** Project names are unique: turn the database's unique violation into a 409 naming the field. */
export function projectNameConflict(err: unknown, name: string | undefined): unknown {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
    return new AppError("CONFLICT", `a project named "${name}" already exists`, { field: "name" });
  }
  return err;
}
