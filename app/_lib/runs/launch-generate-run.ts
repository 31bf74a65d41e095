// Queues the GENERATE run that answers an evaluation set's prompts with one system's model:
// config {evalSystemId, decoding}, input = the set's prompts (pinned by sha256), modelPath = the
// model directory on the agent's host; a PPO policy is its base model plus the PPO run's LoRA
// adapter (parentRunId: the agent reads the adapter from the parent's output directory).
import "server-only";
import type { Tx } from "@/app/_lib/db";
import { audit } from "@/app/_lib/audit";
import { promptsJsonl } from "@/app/_lib/evaluation/systems/generate-input";
import type { GenerateDecoding } from "./launch-run.schema";
import { sha256 } from "./run-input";

export async function launchGenerateRun(
  tx: Tx,
  opts: {
    actorId: string;
    system: { id: string; name: string; evalSetId: string };
    set: { name: string; projectId: string | null };
    modelPath: string;
    adapterRunId: string | null;
    decoding: GenerateDecoding;
  },
) {
  const input = await promptsJsonl(tx, opts.system.evalSetId);
  const run = await tx.run.create({
    data: {
      projectId: opts.set.projectId,
      kind: "GENERATE",
      name: `GENERATE · ${opts.set.name} · ${opts.system.name}`.slice(0, 200),
      config: { evalSystemId: opts.system.id, decoding: opts.decoding },
      inputHash: sha256(input),
      parentRunId: opts.adapterRunId,
      modelPath: opts.modelPath,
      createdById: opts.actorId,
    },
    select: { id: true, name: true, kind: true, status: true },
  });
  await tx.evalSystem.update({ where: { id: opts.system.id }, data: { generateRunId: run.id, decoding: opts.decoding } });
  await audit(tx, {
    actorId: opts.actorId,
    action: "run.launch",
    entityType: "run",
    entityId: run.id,
    projectId: opts.set.projectId,
    data: { kind: "GENERATE", evalSystemId: opts.system.id, parentRunId: opts.adapterRunId, modelPath: opts.modelPath },
  });
  return run;
}
