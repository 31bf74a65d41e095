// Replays the attacks of the hardening review against a running MedRank server and prints, per
// attack, what the server answered and whether it stayed up (prints figures; not a test):
//   npm run bench:attacks -- --url http://localhost:3000 --email admin@… --password …
// Needs an admin account on that server. It creates a few probe objects there (an API token, an
// agent token that it revokes at the end) and, if the server were vulnerable, would create users
// named csrf-…@attack.invalid: run it against a test or staging server, not production.
// The server's memory (RSS of the process listening on the port, children included) is sampled
// every 50 ms while the attacks run; pass --pid to name the process yourself.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

const args = process.argv.slice(2);
const arg = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const BASE = new URL(arg("url", process.env.MEDRANK_URL ?? "http://localhost:3000")!);
const ORIGIN = BASE.origin;
const EMAIL = arg("email", process.env.MEDRANK_ADMIN_EMAIL);
const PASSWORD = arg("password", process.env.MEDRANK_ADMIN_PASSWORD);
const MB = 1024 * 1024;

if (!EMAIL || !PASSWORD) {
  console.error("usage: npm run bench:attacks -- --url http://host:port --email <admin e-mail> --password <password> [--pid <server pid>]");
  process.exit(2);
}

// ------------------------------------------------------------------ the server's memory

function listeningPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
        const f = line.trim().split(/\s+/);
        if (f.length > 9 && f[3] === "0A" && parseInt(f[1].split(":").at(-1)!, 16) === port) inodes.add(f[9]);
      }
    } catch {
      // not Linux: no RSS figures
    }
  }
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link.startsWith("socket:[") && inodes.has(link.slice(8, -1))) return Number(pid);
      }
    } catch {
      // another user's process, or gone
    }
  }
  return null;
}

function rssMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return kb ? Number(kb[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const serverPid = arg("pid") ? Number(arg("pid")) : BASE.hostname === "localhost" || BASE.hostname === "127.0.0.1" ? listeningPid(Number(BASE.port || 80)) : null;
let peakRss = 0;
const sampler = setInterval(() => {
  const rss = serverPid ? rssMb(serverPid) : null;
  if (rss !== null) peakRss = Math.max(peakRss, rss);
}, 50);

// ------------------------------------------------------------------ HTTP

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string; ms: number };

/**
 * One request whose body is `prefix`, then `fillBytes` of filler produced as it is sent, then
 * `suffix` — a 450 MB body costs this script no memory. Sending stops as soon as the server answers.
 */
function send(opts: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  fillBytes?: number;
  suffix?: string;
  chunked?: boolean;
  timeoutMs?: number;
}): Promise<Answer> {
  const started = performance.now();
  const prefix = Buffer.from(opts.body ?? "");
  const suffix = Buffer.from(opts.suffix ?? "");
  const fill = opts.fillBytes ?? 0;
  const total = prefix.length + fill + suffix.length;
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.method !== "GET" && !opts.chunked) headers["content-length"] = String(total);
  const make = BASE.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = make(new URL(opts.path, BASE), { method: opts.method, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
        req.destroy();
      });
    });
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`no answer within ${(opts.timeoutMs ?? 60_000) / 1000} s`)));
    req.on("error", (err) => (answered ? undefined : reject(err)));
    if (opts.method === "GET") return void req.end();
    const filler = Buffer.alloc(Math.min(fill, 256 * 1024), 0x61);
    let sent = 0;
    const pump = () => {
      if (sent === 0 && prefix.length) req.write(prefix);
      while (sent < fill && !answered) {
        const n = Math.min(filler.length, fill - sent);
        sent += n;
        if (!req.write(n === filler.length ? filler : filler.subarray(0, n))) return void req.once("drain", pump);
      }
      if (!answered) req.end(suffix);
    };
    pump();
  });
}

let cookie = "";
const sessionHeaders = (extra: Record<string, string> = {}) => ({ cookie, origin: ORIGIN, "content-type": "application/json", ...extra });

function keepCookies(a: Answer) {
  const set = a.headers["set-cookie"];
  for (const c of Array.isArray(set) ? set : set ? [set] : []) {
    const [pair] = c.split(";");
    const name = pair.split("=")[0];
    cookie = [...cookie.split("; ").filter((p) => p && !p.startsWith(`${name}=`)), pair].join("; ");
  }
}

async function signIn(callbackUrl?: string): Promise<Answer> {
  const csrf = await send({ method: "GET", path: "/api/auth/csrf", headers: { cookie } });
  keepCookies(csrf);
  const { csrfToken } = JSON.parse(csrf.body);
  const form = new URLSearchParams({ csrfToken, email: EMAIL!, password: PASSWORD!, json: "true", ...(callbackUrl ? { callbackUrl } : {}) });
  const res = await send({ method: "POST", path: "/api/auth/callback/credentials", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  keepCookies(res);
  return res;
}

async function serverUp(): Promise<boolean> {
  try {
    return (await send({ method: "GET", path: "/api/auth/csrf", timeoutMs: 10_000 })).status === 200;
  } catch {
    return false;
  }
}

/** Runs `attack` while another client pings the server every 100 ms; returns the slowest ping. */
async function whilePinging<T>(attack: () => Promise<T>): Promise<{ result: T; slowestPingMs: number }> {
  let slowest = 0;
  let running = true;
  const pinger = (async () => {
    while (running) {
      const t = performance.now();
      await send({ method: "GET", path: "/api/auth/csrf", timeoutMs: 30_000 }).catch(() => undefined);
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const result = await attack();
  running = false;
  await pinger;
  return { result, slowestPingMs: slowest };
}

const report: string[] = [];
async function line(name: string, results: { label: string; got: number | string; ok: boolean }[], extra = "") {
  const up = await serverUp();
  const ok = results.filter((r) => r.ok).length;
  const detail = results.filter((r) => !r.ok).map((r) => `${r.label}: ${r.got}`);
  const counts = new Map<string, number>();
  for (const r of results) counts.set(String(r.got), (counts.get(String(r.got)) ?? 0) + 1);
  const answers = [...counts].map(([got, n]) => `${n} × ${got}`).join(", ");
  const text = `${name}: ${ok}/${results.length} as expected (${answers})${extra}, server ${up ? "up" : "DOWN"}${detail.length ? ` — unexpected: ${detail.join("; ")}` : ""}`;
  report.push(text);
  console.log(text);
}

const statusOf = async (p: Promise<Answer>) => {
  try {
    return (await p).status;
  } catch (err) {
    return `error (${(err as Error).message})`;
  }
};

// ------------------------------------------------------------------ the attacks

async function main() {
  console.log(`MedRank at ${ORIGIN}${serverPid ? ` (server pid ${serverPid}, RSS ${rssMb(serverPid)?.toFixed(0)} MB at start)` : " (no RSS: server process not found)"}`);
  const signed = await signIn();
  if (!cookie.includes("session-token")) throw new Error(`sign-in as ${EMAIL} failed (${signed.status} ${signed.body.slice(0, 200)})`);
  const tokenAnswer = await send({ method: "POST", path: "/api/tokens", headers: sessionHeaders(), body: JSON.stringify({ name: `attack-bench-${Date.now()}` }) });
  const apiToken: string | undefined = JSON.parse(tokenAnswer.body).token?.secret ?? JSON.parse(tokenAnswer.body).token?.token;
  if (!apiToken) throw new Error(`could not create an API token (${tokenAnswer.status} ${tokenAnswer.body.slice(0, 200)})`);
  const bearer = { authorization: `Bearer ${apiToken}`, "content-type": "application/json" };
  // an agent token (revoked at the end): its routes have the larger limit, and it must hold too
  const agentAnswer = await send({ method: "POST", path: "/api/agent-tokens", headers: sessionHeaders(), body: JSON.stringify({ name: "attack-bench" }) });
  const agent = JSON.parse(agentAnswer.body) as { agent?: { id: string }; token?: string };
  if (!agent.token) throw new Error(`could not create an agent token (${agentAnswer.status} ${agentAnswer.body.slice(0, 200)})`);
  const agentBearer = { authorization: `Bearer ${agent.token}`, "content-type": "application/json" };

  // 1. oversized bodies: each must be a 413 without the server buffering it
  const rssBefore = serverPid ? (rssMb(serverPid) ?? 0) : 0;
  peakRss = rssBefore;
  const password = { body: "csrfToken=x&email=a%40b.example&password=", headers: { "content-type": "application/x-www-form-urlencoded" } };
  const json = (field: string) => ({ body: `{"${field}":"`, suffix: '"}' });
  const oversized = [
    { label: "sign-in form, 300 MB password, declared", req: { method: "POST", path: "/api/auth/callback/credentials", ...password, fillBytes: 300 * MB } },
    { label: "sign-in form, 150 MB password, chunked", req: { method: "POST", path: "/api/auth/callback/credentials", ...password, fillBytes: 150 * MB, chunked: true } },
    { label: "POST /api/tokens 450 MB, declared", req: { method: "POST", path: "/api/tokens", headers: bearer, ...json("name"), fillBytes: 450 * MB } },
    { label: "POST /api/tokens 450 MB, chunked", req: { method: "POST", path: "/api/tokens", headers: bearer, ...json("name"), fillBytes: 450 * MB, chunked: true } },
    { label: "POST /api/users 50 MB (admin session), chunked", req: { method: "POST", path: "/api/users", headers: sessionHeaders(), ...json("name"), fillBytes: 50 * MB, chunked: true } },
    { label: "POST /api/agent/runs/…/logs 100 MB (agent token), chunked", req: { method: "POST", path: "/api/agent/runs/no-such-run/logs", headers: agentBearer, ...json("lines"), fillBytes: 100 * MB, chunked: true } },
  ];
  const { result: bodyResults, slowestPingMs } = await whilePinging(async () => {
    const out = [];
    for (const o of oversized) {
      const t = performance.now();
      const got = await statusOf(send(o.req));
      out.push({ label: o.label, got, ok: got === 413, ms: performance.now() - t });
    }
    return out;
  });
  await line(
    "oversized bodies → 413",
    bodyResults,
    `, slowest answer ${Math.max(...bodyResults.map((r) => r.ms)).toFixed(0)} ms, other requests' slowest ${slowestPingMs.toFixed(0)} ms` +
      (serverPid ? `, server RSS ${rssBefore.toFixed(0)} MB before, peak ${peakRss.toFixed(0)} MB` : ""),
  );

  // 3. cross-site request forgery with the admin's session cookie
  const victim = () => `csrf-${Math.random().toString(36).slice(2, 10)}@attack.invalid`;
  const emails: string[] = [];
  const forged = (headers: Record<string, string>, body: (email: string) => string) => {
    const email = victim();
    emails.push(email);
    return send({ method: "POST", path: "/api/users", headers: { cookie, ...headers }, body: body(email) });
  };
  const userJson = (email: string) => JSON.stringify({ email, name: "Mallory", roles: ["ADMIN"], password: "owned-by-mallory" });
  const csrf = [
    { label: "text/plain form from another port", got: await statusOf(forged({ origin: `${BASE.protocol}//${BASE.hostname}:1`, "content-type": "text/plain" }, (e) => userJson(e).slice(0, -1) + ',"x":"="}\r\n')), want: 403 },
    { label: "JSON from another origin", got: await statusOf(forged({ origin: "https://evil.example", "content-type": "application/json" }, userJson)), want: 403 },
    { label: "no Origin, Sec-Fetch-Site: same-site", got: await statusOf(forged({ "sec-fetch-site": "same-site", "content-type": "application/json" }, userJson)), want: 403 },
    { label: "same origin but text/plain", got: await statusOf(forged({ origin: ORIGIN, "content-type": "text/plain" }, userJson)), want: 415 },
  ].map((r) => ({ ...r, ok: r.got === r.want }));
  const users = JSON.parse((await send({ method: "GET", path: "/api/users", headers: bearer })).body).users as { email: string }[];
  const created = users.filter((u) => emails.includes(u.email)).length;
  await line("cross-site changes with an admin's cookie → 403/415", csrf, `, ${created} users created`);

  // 7. text PostgreSQL cannot store, numbers past its columns
  const text = [
    { label: "user name with NUL", got: await statusOf(send({ method: "POST", path: "/api/users", headers: bearer, body: JSON.stringify({ email: victim(), name: "Dr\u0000", roles: ["ANNOTATOR"], password: "long-enough-1" }) })) },
    { label: "project name with a lone surrogate", got: await statusOf(send({ method: "POST", path: "/api/projects", headers: bearer, body: '{"name":"bench \\ud800"}' })) },
    { label: "token name with NUL", got: await statusOf(send({ method: "POST", path: "/api/tokens", headers: bearer, body: '{"name":"x\\u0000"}' })) },
    { label: "metrics step 1e308", got: await statusOf(send({ method: "POST", path: "/api/agent/runs/no-such-run/metrics", headers: agentBearer, body: '{"attempt":1,"lines":[{"seq":0,"data":{"step":1e308}}]}' })) },
    { label: "audit?before=9999999999999999999", got: await statusOf(send({ method: "GET", path: "/api/audit?before=9999999999999999999", headers: bearer })) },
  ].map((r) => ({ ...r, ok: r.got === 422 }));
  const nulId = await statusOf(send({ method: "GET", path: "/api/projects/x%00y", headers: bearer }));
  text.push({ label: "NUL in a URL id", got: nulId, ok: typeof nulId === "number" && nulId < 500 });
  if (agent.agent) await send({ method: "POST", path: `/api/agent-tokens/${agent.agent.id}/revoke`, headers: sessionHeaders() });
  await line("unstorable text and out-of-range numbers → 422 (no 500)", text);

  // 8. open redirect after sign-in (fixed in the sign-in options; replayed here)
  const redirects = [];
  for (const target of ["https://evil.example/x", "//evil.example/x"]) {
    const res = await signIn(target);
    let url = "";
    try {
      url = JSON.parse(res.body).url ?? res.headers.location ?? "";
    } catch {
      url = String(res.headers.location ?? "");
    }
    const lands = new URL(url || "/", ORIGIN);
    redirects.push({ label: `callbackUrl=${target}`, got: lands.href, ok: lands.origin === ORIGIN });
  }
  await line("open redirect after sign-in → stays on MedRank", redirects);

  clearInterval(sampler);
}

main()
  .then(() => {
    console.log("\nsummary\n  " + report.join("\n  "));
    process.exit(0);
  })
  .catch((err) => {
    clearInterval(sampler);
    console.error(err);
    process.exit(1);
  });
