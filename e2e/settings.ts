// Where the browser tests' server and database live (shared by the config, the server script and fixtures).
export const e2e = {
  port: Number(process.env.E2E_PORT ?? 3210),
  pgPort: Number(process.env.E2E_PG_PORT ?? 54331),
  dataDir: process.env.E2E_DATA_DIR ?? ".medrank/e2e",
  serverEnv: {
    NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123",
    MEDRANK_BCRYPT_COST: "4",
    NODE_OPTIONS: "",
  },
  get baseURL() {
    return `http://localhost:${this.port}`;
  },
  get databaseUrl() {
    return `postgresql://medrank:medrank@127.0.0.1:${this.pgPort}/medrank_e2e`;
  },
};
