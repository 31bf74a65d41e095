// First-start seeding, run by the start script; does nothing when users already exist.
//  - The embedded default database (MEDRANK_DATABASE_EMBEDDED=1, set by the start script) or an
//    explicit MEDRANK_DEMO=1: demo accounts (password medrank-demo) and the demo project.
//  - Any other database (a real DATABASE_URL): one admin, MEDRANK_ADMIN_EMAIL (default
//    admin@medrank.local), with a generated one-time password printed here once; it must be
//    changed at the first sign-in. MEDRANK_DEMO=0 turns the demo off on the embedded database too.
// Both are recorded in the audit log.
import { randomBytes } from "node:crypto";
import type { Role } from "@/app/_generated/prisma/client";
import { audit } from "@/app/_lib/audit";
import { hashPassword } from "@/app/_lib/auth/passwords";
import { db } from "@/app/_lib/db";
import { emailSchema } from "@/app/_lib/users/user-fields.schema";

const DEMO_PASSWORD = "medrank-demo";
const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@medrank.local", name: "管理员 Admin", roles: ["ADMIN"] },
  { email: "annotator1@medrank.local", name: "标注员一 Annotator 1", roles: ["ANNOTATOR"] },
  { email: "annotator2@medrank.local", name: "标注员二 Annotator 2", roles: ["ANNOTATOR"] },
  { email: "adjudicator@medrank.local", name: "仲裁专家 Adjudicator", roles: ["ADJUDICATOR", "ANNOTATOR", "JUDGE"] },
  { email: "judge@medrank.local", name: "评测专家 Judge", roles: ["JUDGE"] },
];

function wantsDemo(env: NodeJS.ProcessEnv): boolean {
  if (env.MEDRANK_DEMO === "1") return true;
  if (env.MEDRANK_DEMO === "0") return false;
  return env.MEDRANK_DATABASE_EMBEDDED === "1";
}

async function seedDemo() {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const admin = await db.$transaction(async (tx) => {
    for (const u of DEMO_USERS) await tx.user.create({ data: { ...u, passwordHash } });
    const admin = await tx.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });
    await audit(tx, { actorId: null, action: "seed.demo_users", entityType: "User", entityId: admin.id, data: { emails: DEMO_USERS.map((u) => u.email) } });
    return admin;
  });
  const project = await db.project.create({
    data: {
      name: "CMtMedQA 演示 / demo",
      description: "CMtMedQA test split; candidates = real answer + answers of other dialogues (reference + distractors, demo only)",
      createdById: admin.id,
    },
  });
  const { importDemoData } = await import("@/app/_lib/import/demo");
  const counts = await importDemoData({ projectId: project.id, actorId: admin.id });
  await audit(db, { actorId: null, action: "seed.demo_project", entityType: "Project", entityId: project.id, projectId: project.id, data: counts });
  console.log(`[medrank] demo project "${project.name}": ${JSON.stringify(counts)}`);
  console.log("[medrank] demo accounts (password for all: %s):", DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`           ${u.email.padEnd(28)} ${u.roles.join(", ")}`);
}

async function seedFirstAdmin() {
  const parsed = emailSchema.safeParse(process.env.MEDRANK_ADMIN_EMAIL ?? "admin@medrank.local");
  if (!parsed.success) throw new Error(`MEDRANK_ADMIN_EMAIL: ${parsed.error.issues[0].message}`);
  const email = parsed.data;
  const password = randomBytes(18).toString("base64url"); // 24 characters, 144 bits
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const admin = await tx.user.create({ data: { email, name: "Admin", roles: ["ADMIN"], passwordHash, mustChangePassword: true } });
    await audit(tx, { actorId: null, action: "seed.first_admin", entityType: "User", entityId: admin.id, data: { email } });
  });
  console.log("[medrank] ───────────────────────────────────────────────────────────────");
  console.log("[medrank] first start on this database: created the admin account");
  console.log(`[medrank]   e-mail:             ${email}`);
  console.log(`[medrank]   one-time password:  ${password}`);
  console.log("[medrank] It is shown only now. Sign in with it and set your own password.");
  console.log("[medrank] ───────────────────────────────────────────────────────────────");
}

async function main() {
  if ((await db.user.count()) > 0) {
    console.log("[medrank] database already has users: nothing to seed");
    return;
  }
  await (wantsDemo(process.env) ? seedDemo() : seedFirstAdmin());
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
