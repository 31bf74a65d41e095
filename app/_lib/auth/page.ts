// Gate for server-rendered pages: signed-out users go to /login, missing roles get 403.
import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/app/_generated/prisma/client";
import { type Caller, getCaller, hasRole } from "./caller";

export async function requirePageCaller(roles?: readonly Role[]): Promise<Caller> {
  const caller = await getCaller();
  if (!caller) redirect("/login");
  if (roles && !hasRole(caller, roles)) forbidden();
  return caller;
}
