import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_OPERATOR_PASSWORD, E2E_SERVER_LOG } from "./ports";

// The sign-in page is open to everyone, and Next runs whatever server-action id a POST to it carries,
// forwarding ids it does not hold there to the page that does. Signed out, only the sign-in action
// itself may get through: any other id is refused before Next sees it, and leaves no alarm in the log.

test.use({ storageState: { cookies: [], origins: [] } });

/** The ids this build gave Lookout's server actions, by export name: what anyone can read off a page. */
function actionIds(): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  return Object.fromEntries(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName ?? id, id]));
}

test("a signed-out POST to /sign-in with another action's id is refused quietly, and the sign-in form still works", async ({ page, request, baseURL }) => {
  const ids = actionIds();
  expect(ids.toggleEnvelopeAction).toBeTruthy();
  const logFrom = fs.statSync(E2E_SERVER_LOG).size;

  for (const id of [ids.toggleEnvelopeAction!, ids.runNowAction!, `7f${"0".repeat(40)}`, "not-an-action-id"]) {
    const response = await request.post("/sign-in", {
      headers: { "next-action": id, origin: baseURL!, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([{ probe: "fly", enabled: true }]),
    });
    expect(response.status(), id).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in to Lookout first." });
  }

  // The real form, signed out: its action is the one that gets through.
  await page.goto("/sign-in");
  await page.getByLabel("Password").fill(E2E_OPERATOR_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Vendor health" })).toBeVisible();

  const log = fs.readFileSync(E2E_SERVER_LOG).subarray(logFrom).toString("utf8");
  expect(log).not.toMatch(/uncaughtException|Error: aborted|Failed to find Server Action|did not match the expected format|failed to forward/);
});
