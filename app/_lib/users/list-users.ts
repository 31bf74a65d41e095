// All users, for the admin users page (a hospital team is tens to hundreds of people).
import "server-only";
import { db } from "@/app/_lib/db";
import { userViewSelect, type UserView } from "./user-view";

export async function listUsers(): Promise<UserView[]> {
  return db.user.findMany({ select: userViewSelect, orderBy: [{ active: "desc" }, { name: "asc" }, { email: "asc" }] });
}
