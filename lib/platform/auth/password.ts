import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum memory/time cost: slow enough to make offline guessing expensive,
// ~60 ms per hash here, so sign-in stays responsive.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", never as a crash or a pass.
    return false;
  }
}
