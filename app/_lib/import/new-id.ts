import { randomBytes } from "node:crypto";

let counter = 0;

/**
 * A collision-resistant id in the same spirit as Prisma's cuid() (time + counter + randomness),
 * generated here so that batched createMany calls can link dialogues → items → candidates without
 * reading ids back.
 */
export function newId(): string {
  counter = (counter + 1) % 1679616; // 36^4
  return "c" + Date.now().toString(36) + counter.toString(36).padStart(4, "0") + randomBytes(6).toString("hex").slice(0, 12);
}
