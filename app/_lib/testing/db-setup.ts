// Per-worker set-up of the `db` test project: point the app's env at the test database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-0123456789abcdef";
process.env.MEDRANK_BCRYPT_COST = "4";
process.env.MEDRANK_DATA_DIR ??= ".medrank/test-files";
