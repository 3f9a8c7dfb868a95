import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// Named operators' passwords live in configuration only as scrypt hashes (`npm run operator-hash`).
// The format avoids `$` (which .env loaders expand) and `,`/`=` (which separate LOOKOUT_OPERATORS):
//   scrypt.<N>.<r>.<p>.<salt base64url>.<key base64url>

const DEFAULT = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const pattern = /^scrypt\.(\d+)\.(\d+)\.(\d+)\.([A-Za-z0-9_-]{16,})\.([A-Za-z0-9_-]{40,})$/;

function derive(password: string, salt: Buffer, { N, r, p }: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; allow that plus headroom, whatever Node's 32 MB default.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scrypt(password.normalize("NFC"), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export function isPasswordHash(value: string): boolean {
  const m = pattern.exec(value);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A power of two between 2^14 and 2^20, sane r and p: anything else is a typo or a weakened hash.
  return N >= 2 ** 14 && N <= 2 ** 20 && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

export async function hashOperatorPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, DEFAULT);
  return `scrypt.${DEFAULT.N}.${DEFAULT.r}.${DEFAULT.p}.${salt.toString("base64url")}.${key.toString("base64url")}`;
}

/** Constant-time check of a password against a stored hash; false for a malformed hash. */
export async function verifyOperatorPassword(password: string, hash: string): Promise<boolean> {
  if (!isPasswordHash(hash)) return false;
  const [, N, r, p, salt, key] = pattern.exec(hash)!;
  const expected = Buffer.from(key!, "base64url");
  const actual = await derive(password, Buffer.from(salt!, "base64url"), { N: Number(N), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The same work as a real check, for a name that does not exist, so timing does not tell names apart. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await derive(password, Buffer.alloc(16), DEFAULT);
}
