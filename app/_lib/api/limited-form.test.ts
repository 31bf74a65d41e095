// The sign-in form is read (at most 64 KB) before next-auth sees it: the 300 MB password that
// ran the server out of memory is refused without being held.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { withLimitedForm } from "./limited-form";

const seen: string[] = [];
const signIn = withLimitedForm(async (req: NextRequest) => {
  seen.push(await req.text());
  return Response.json({ url: "/" });
});

function form(password: string, declare = true) {
  const body = `csrfToken=t&email=a%40h.example&password=${password}&json=true`;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(body));
      c.close();
    },
  });
  return new NextRequest("http://localhost/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(declare ? { "content-length": String(body.length) } : {}) },
    body: stream,
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("withLimitedForm (next-auth's POST)", () => {
  it("answers 413 to an oversized sign-in form, declared or not, and never calls next-auth", async () => {
    seen.length = 0;
    for (const declare of [true, false]) {
      const res = await signIn(form("x".repeat(200 * 1024), declare), {});
      expect(res.status).toBe(413);
      expect((await res.json()).error.message).toBe("The request body is larger than 64 KB");
    }
    expect(seen).toEqual([]);
  });

  it("hands next-auth the form unchanged", async () => {
    seen.length = 0;
    expect((await signIn(form("correct-horse"), {})).status).toBe(200);
    expect(seen).toEqual(["csrfToken=t&email=a%40h.example&password=correct-horse&json=true"]);
  });
});
