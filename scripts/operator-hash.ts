// npm run operator-hash -- <name>: asks for a password (or reads it from stdin) and prints the
// LOOKOUT_OPERATORS entry for it. Only the scrypt hash is printed; the password is not stored anywhere.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { hashOperatorPassword } from "../lib/auth/operator-password-hash";

const name = process.argv[2] ?? "";
if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
  console.error("usage: npm run operator-hash -- <name>   (a short name: letters, digits, . _ @ -)");
  process.exit(2);
}

/** One line from the terminal without echoing it, or the first line of piped input. */
async function readSecret(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({ write: (chunk, _encoding, done) => (muted ? done() : process.stderr.write(chunk, done)) });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  process.stderr.write(prompt);
  muted = true;
  const line = await new Promise<string>((resolve) => rl.once("line", resolve).once("close", () => resolve("")));
  rl.close();
  if (process.stdin.isTTY) process.stderr.write("\n");
  return line;
}

const password = await readSecret(`Password for ${name} (at least 12 characters): `);
if (password.length < 12) {
  console.error("operator-hash: the password must be at least 12 characters; nothing printed.");
  process.exit(2);
}
if (process.stdin.isTTY && (await readSecret("Again: ")) !== password) {
  console.error("operator-hash: the two passwords differ; nothing printed.");
  process.exit(2);
}
console.log(`${name}=${await hashOperatorPassword(password)}`);
console.error("Add that to LOOKOUT_OPERATORS (entries separated by commas) and restart Lookout.");
