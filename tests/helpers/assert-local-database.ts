import os from "node:os";
import path from "node:path";

/** Tests only ever touch a throwaway SQLite file under the temp directory or ./data, or a PostgreSQL on loopback. */
export function assertLocalDatabase(url: string | undefined): void {
  if (url && /^postgres(ql)?:\/\/[^@/]*@(127\.0\.0\.1|localhost):\d+\/lookout_/.test(url)) return;
  const file = url?.startsWith("file:") ? path.resolve(url.slice("file:".length)) : null;
  const allowed = [os.tmpdir(), path.resolve("data")];
  if (!file || !allowed.some((dir) => file.startsWith(dir + path.sep))) {
    throw new Error(`Refusing to run tests against DATABASE_URL=${url ? url.replace(/\/\/.*@/, "//***@") : "(unset)"}: use a local SQLite file or the tests' embedded PostgreSQL.`);
  }
}
