// The validated environment: the only place app code reads process.env.
// scripts/start.ts sets DATABASE_URL (embedded PostgreSQL) and NEXTAUTH_SECRET before Next.js starts.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters"),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Where uploads and other files live (defaults to .medrank/dev). */
  MEDRANK_DATA_DIR: z.string().default(".medrank/dev"),
  /** Largest total size of one uploaded reward model's files (default 2 GiB). */
  MEDRANK_RM_MAX_BYTES: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(2 * 1024 ** 3),
  /** bcrypt cost; tests lower it to keep user creation fast. */
  MEDRANK_BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
  /** Optional hospital SSO (OpenID Connect). All three must be set to enable it. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Hospital SSO"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}\nStart MedRank with \`npm start\` (it sets these) or set them yourself.`);
  }
  return parsed.data;
}

let cached: Env | undefined;
/** Read lazily so that `next build` does not need a database. */
export function getEnv(): Env {
  cached ??= load();
  return cached;
}

export const oidcEnabled = () => {
  const e = getEnv();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
};
