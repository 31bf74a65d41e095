// GET/POST /api/auth/* — next-auth (sign in, sign out, session, CSRF)
import NextAuth from "next-auth";
import { authOptions } from "@/app/_lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
