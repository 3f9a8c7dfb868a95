// npm run sign-in-token — issues a new one-time sign-in token (any unused older one stops working) and prints it.
import "dotenv/config";
import fs from "node:fs";
import { resolvePublicUrl } from "../lib/public-url";

const url = process.env.DATABASE_URL || "file:./data/lookout.db";
const file = url.replace(/^file:/, "").split("?")[0]!;
if (!url.startsWith("file:") || !fs.existsSync(file)) {
  console.error(`sign-in-token: no Lookout database at ${file}; start Lookout once (npm start) first.`);
  process.exit(2);
}
if (process.env.LOOKOUT_OPERATOR_PASSWORD || process.env.LOOKOUT_OPERATORS) {
  console.error("sign-in-token: LOOKOUT_OPERATOR_PASSWORD or LOOKOUT_OPERATORS is set, so Lookout signs in with passwords and ignores tokens.");
  process.exit(2);
}

const [{ createDb }, { issueSignInToken }] = await Promise.all([import("../lib/db"), import("../lib/auth/sign-in-token")]);
const db = createDb(url);
try {
  const token = await issueSignInToken(db);
  const publicUrl = resolvePublicUrl({ LOOKOUT_PUBLIC_URL: process.env.LOOKOUT_PUBLIC_URL, PORT: process.env.PORT });
  console.log(`One-time sign-in token (works once; only its hash is kept, so it cannot be shown again):\n\n    ${token}\n\nat ${publicUrl}/sign-in`);
} finally {
  await db.$disconnect();
}
