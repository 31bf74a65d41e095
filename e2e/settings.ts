// Where the browser tests' server and database live (shared by the config, the server script and fixtures).
import { embeddedDatabaseUrl } from "../scripts/db/credentials";

export const e2e = {
  port: Number(process.env.E2E_PORT ?? 3210),
  pgPort: Number(process.env.E2E_PG_PORT ?? 54331),
  dataDir: process.env.E2E_DATA_DIR ?? ".medrank/e2e",
  serverEnv: {
    NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123",
    MEDRANK_BCRYPT_COST: "4",
    NODE_OPTIONS: "",
    // hospital single sign-on against the OpenID Connect provider that e2e/sso.spec.ts starts
    OIDC_ISSUER: `http://localhost:${Number(process.env.E2E_PORT ?? 3210) + 100}`,
    OIDC_CLIENT_ID: "medrank",
    OIDC_CLIENT_SECRET: "e2e-oidc-client-secret-0123456789",
    OIDC_NAME: "Hospital SSO",
  },
  get baseURL() {
    return `http://localhost:${this.port}`;
  },
  /** the app's role and its random password (kept in the data dir) on the embedded server */
  get databaseUrl() {
    return embeddedDatabaseUrl({ dataDir: this.dataDir, port: this.pgPort, database: "medrank_e2e" });
  },
};
