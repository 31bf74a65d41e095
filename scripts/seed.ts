// Seeds demo accounts and a demo project (the shipped CMtMedQA sample) into an empty database.
// Run by the start script; does nothing when users already exist.
import { db } from "@/app/_lib/db";
import { hashPassword } from "@/app/_lib/auth/passwords";
import type { Role } from "@/app/_generated/prisma/client";

const DEMO_PASSWORD = "medrank-demo";
const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@medrank.local", name: "管理员 Admin", roles: ["ADMIN"] },
  { email: "annotator1@medrank.local", name: "标注员一 Annotator 1", roles: ["ANNOTATOR"] },
  { email: "annotator2@medrank.local", name: "标注员二 Annotator 2", roles: ["ANNOTATOR"] },
  { email: "adjudicator@medrank.local", name: "仲裁专家 Adjudicator", roles: ["ADJUDICATOR", "ANNOTATOR"] },
];

async function main() {
  if ((await db.user.count()) > 0) {
    console.log("[medrank] database already has users: demo seed skipped");
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) await db.user.create({ data: { ...u, passwordHash } });
  const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });

  const project = await db.project.create({
    data: {
      name: "CMtMedQA 演示 / demo",
      description: "CMtMedQA test split; candidates = real answer + answers of other dialogues (reference + distractors, demo only)",
      createdById: admin.id,
    },
  });
  const { importDemoData } = await import("@/app/_lib/import/demo");
  const counts = await importDemoData({ projectId: project.id, actorId: admin.id });
  console.log(`[medrank] demo project "${project.name}": ${JSON.stringify(counts)}`);
  console.log("[medrank] demo accounts (password for all: %s):", DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`           ${u.email.padEnd(28)} ${u.roles.join(", ")}`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
