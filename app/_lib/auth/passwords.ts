// Password hashing (bcrypt). One home for the cost and the comparison.
import bcrypt from "bcryptjs";
import { getEnv } from "../env";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().MEDRANK_BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so both paths cost one bcrypt round.
const DUMMY_HASH = "$2b$12$ZMte7qHY0rtcfq9LgnJysuTEuAGVFVkw.7PazJdNyZF91wmd6/WMy";
export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, DUMMY_HASH);
}
