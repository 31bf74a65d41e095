import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { assertJsonContentType, assertSameOrigin } from "./same-origin";

const post = (headers: Record<string, string>) => new Request("http://medrank.local:3000/api/users", { method: "POST", headers });

function status(check: () => void): number {
  try {
    check();
    return 200;
  } catch (err) {
    return (err as AppError).status;
  }
}

describe("assertSameOrigin", () => {
  it("refuses a page on another port of the same host (same site, other origin)", () => {
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000", origin: "http://medrank.local:8080" }), undefined))).toBe(403);
  });

  it("refuses other sites, opaque origins and a missing Origin without Sec-Fetch-Site: same-origin", () => {
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000", origin: "https://evil.example" }), undefined))).toBe(403);
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000", origin: "null" }), undefined))).toBe(403);
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000" }), undefined))).toBe(403);
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000", "sec-fetch-site": "same-site" }), undefined))).toBe(403);
  });

  it("lets the app's own pages through", () => {
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000", origin: "http://medrank.local:3000" }), undefined))).toBe(200);
    expect(status(() => assertSameOrigin(post({ host: "medrank.local:3000", "sec-fetch-site": "same-origin" }), undefined))).toBe(200);
  });

  it("behind an HTTPS reverse proxy: the public host (Host kept, or NEXTAUTH_URL) is the app's own", () => {
    // proxy keeps Host, terminates TLS: the scheme differs, the host does not
    expect(status(() => assertSameOrigin(post({ host: "medrank.hospital.cn", origin: "https://medrank.hospital.cn" }), undefined))).toBe(200);
    // proxy rewrites Host to the upstream address: NEXTAUTH_URL names the public one
    const rewritten = post({ host: "127.0.0.1:3000", origin: "https://medrank.hospital.cn" });
    expect(status(() => assertSameOrigin(rewritten, "https://medrank.hospital.cn"))).toBe(200);
    expect(status(() => assertSameOrigin(rewritten, undefined))).toBe(403);
  });
});

describe("assertJsonContentType", () => {
  it("refuses what an HTML form can send: text/plain, urlencoded, multipart", () => {
    expect(status(() => assertJsonContentType(post({ "content-type": "text/plain", "content-length": "40" })))).toBe(415);
    expect(status(() => assertJsonContentType(post({ "content-type": "application/x-www-form-urlencoded", "content-length": "40" })))).toBe(415);
    expect(status(() => assertJsonContentType(post({ "content-type": "multipart/form-data; boundary=x", "content-length": "40" })))).toBe(415);
    expect(status(() => assertJsonContentType(post({ "content-length": "40" })))).toBe(415);
  });

  it("accepts JSON, and a POST that carries no body at all", () => {
    expect(status(() => assertJsonContentType(post({ "content-type": "application/json; charset=utf-8", "content-length": "2" })))).toBe(200);
    expect(status(() => assertJsonContentType(post({ "content-type": "application/merge-patch+json", "content-length": "2" })))).toBe(200);
    expect(status(() => assertJsonContentType(post({})))).toBe(200);
    expect(status(() => assertJsonContentType(post({ "content-length": "0" })))).toBe(200);
  });
});
