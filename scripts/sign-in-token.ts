// npm run sign-in-token — issues a new one-time sign-in token (any unused older one stops working) and prints it.
import "dotenv/config";
import fs from "node:fs";
import { DEFAULT_DATABASE_URL, databaseProvider, redactUrl } from "../lib/database-provider.mjs";
import { resolvePublicUrl } from "../lib/public-url";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

function fail(message: string): never {
  console.error(`sign-in-token: ${message}`);
  process.exit(2);
}

let provider;
try {
  provider = databaseProvider(url);
} catch (error) {
  fail((error as Error).message);
}
const file = url.replace(/^file:/, "").split("?")[0]!;
const where = provider === "sqlite" ? file : redactUrl(url);
if (provider === "sqlite" && !fs.existsSync(file)) fail(`no Lookout database at ${where}; start Lookout once (npm start) first.`);
if (process.env.LOOKOUT_OPERATOR_PASSWORD || process.env.LOOKOUT_OPERATORS) {
  fail("LOOKOUT_OPERATOR_PASSWORD or LOOKOUT_OPERATORS is set, so Lookout signs in with passwords and ignores tokens.");
}

const [{ createDb }, { issueSignInToken }] = await Promise.all([import("../lib/db/create-db"), import("../lib/auth/sign-in-token")]);
const db = createDb(url);
let token: string;
try {
  token = await issueSignInToken(db);
} catch (error) {
  // Prisma's message ends with the reason; the database is named by `where`, without its password.
  const reason = (error instanceof Error ? error.message : String(error)).trim().split("\n").at(-1);
  fail(`cannot issue a token in the Lookout database at ${where} (${reason}); start Lookout once (npm start) first.`);
} finally {
  await db.$disconnect();
}
const publicUrl = resolvePublicUrl({ LOOKOUT_PUBLIC_URL: process.env.LOOKOUT_PUBLIC_URL, PORT: process.env.PORT });
console.log(`One-time sign-in token (works once; only its hash is kept, so it cannot be shown again):\n\n    ${token}\n\nat ${publicUrl}/sign-in`);
