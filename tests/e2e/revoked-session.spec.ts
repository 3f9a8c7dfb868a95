import fs from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { E2E_OPERATOR_PASSWORD } from "./ports";

// The request proxy only checks a cookie's signature. A cookie kept from a session that has since been
// signed out still has a valid signature, so it gets past the proxy; the pages, routes and, above all,
// the server actions must then refuse it themselves. This replays such a cookie against each of them.
test.use({ storageState: { cookies: [], origins: [] } });

/** Server action ids by exported name, from the production build's manifest. */
function actionIds(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName ?? id, id]));
}

function databaseCounts() {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const fly = db.prepare(`SELECT enabled FROM "EnvelopeSetting" WHERE probe = 'fly'`).get() as { enabled: number } | undefined;
    return { cycles: count("ProbeCycle"), audit: count("AuditEvent"), flyEnabled: Boolean(fly?.enabled) };
  } finally {
    db.close();
  }
}

test("a signed-out session's cookie is refused by every page, route and server action behind the proxy", async ({ page, context, request }) => {
  await page.goto("/settings");
  await page.getByLabel("Password").fill(E2E_OPERATOR_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Fix envelopes" })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "lookout_session")!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const ids = actionIds();
  expect(Object.keys(ids)).toEqual(expect.arrayContaining(["toggleEnvelopeAction", "runNowAction", "signOutAction", "signInAction"]));
  const before = databaseCounts();
  expect(before.flyEnabled).toBe(false);

  const replay = { cookie: `lookout_session=${cookie.value}` };
  const callAction = (path: string, name: string, args: unknown[]) =>
    request.post(path, { headers: { ...replay, "next-action": ids[name]!, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" }, data: JSON.stringify(args) });

  const toggle = await callAction("/settings", "toggleEnvelopeAction", [{ probe: "fly", enabled: true, reason: "replayed cookie" }]);
  expect(await toggle.text()).toContain("Your session has ended; sign in again.");
  const runNow = await callAction("/", "runNowAction", []);
  expect(await runNow.text()).toContain("Your session has ended; sign in again.");

  for (const path of ["/api/dashboard", "/api/investigations/anything", "/api/session"]) {
    expect((await request.get(path, { headers: replay })).status(), path).toBe(401);
  }
  for (const path of ["/", "/settings", "/audit", "/investigations", "/investigations/anything"]) {
    const response = await request.get(path, { headers: replay, maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toMatch(/^\/sign-in/);
  }

  expect(databaseCounts()).toEqual(before);
});
