// Gate for server-rendered pages: signed-out users go to /login, users with a one-time
// password to the change-password form, missing roles get 403.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/app/_generated/prisma/client";
import { type Caller, getCaller, hasRole } from "./caller";

export const CHANGE_PASSWORD_PATH = "/login/change-password";

export async function requirePageCaller(roles?: readonly Role[]): Promise<Caller> {
  const caller = await getCaller(undefined, { allowPasswordChange: true });
  if (!caller) redirect("/login");
  if (caller.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  if (roles && !hasRole(caller, roles)) forbidden();
  return caller;
}
