// GET/POST /api/auth/* — next-auth (sign in, sign out, session, CSRF)
// POST bodies are size-checked before next-auth reads them (app/_lib/api/limited-form.ts).
import NextAuth from "next-auth";
import { withLimitedForm } from "@/app/_lib/api/limited-form";
import { authOptions } from "@/app/_lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

const post = withLimitedForm(handler);

export { handler as GET, post as POST };
