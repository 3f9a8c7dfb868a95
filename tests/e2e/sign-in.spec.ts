import { expect, test, type Page } from "@playwright/test";
import { laptop, phone } from "./harness";
import { E2E_OPERATOR_PASSWORD, E2E_SIGNIN_WINDOW_SECONDS } from "./ports";

// These start signed out, whatever session the other specs share.
test.use({ storageState: { cookies: [], origins: [] } });

// Next keeps its own (empty) role=alert route announcer on every page.
const signInError = (page: Page) => page.locator("#sign-in-error");

/** Submits the form and waits for the server's answer to this very submission. */
async function submit(page: Page, secret: string) {
  await page.getByLabel("Password").fill(secret);
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

test("a signed-out visit to any page lands on sign-in and remembers where it was going", async ({ page, request }) => {
  for (const path of ["/", "/settings", "/audit?seam=envelope.toggled", "/investigations", "/investigations/some-incident"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL((url) => url.pathname === "/sign-in");
    const next = new URL(page.url()).searchParams.get("next");
    expect(next ?? "/", path).toBe(path);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    // Signed out, the top bar offers nothing that would only bounce back here.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  }
  expect((await request.get("/api/dashboard")).status()).toBe(401);
});

test("a wrong password is refused; the right one lands back on the requested page; sign-out ends the session", async ({ page, context }) => {
  await page.setViewportSize(laptop);
  await page.goto("/audit?seam=envelope.toggled");
  await page.screenshot({ path: "test-results/screenshots/sign-in-laptop.png", fullPage: true });

  await submit(page, "not-the-password-at-all");
  await expect(signInError(page)).toHaveText("That password is not right.");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  expect((await context.cookies()).some((c) => c.name === "lookout_session")).toBe(false);
  await page.screenshot({ path: "test-results/screenshots/sign-in-refused-laptop.png", fullPage: true });

  await submit(page, E2E_OPERATOR_PASSWORD);
  await expect(page).toHaveURL(/\/audit\?seam=envelope\.toggled$/);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const [cookie] = (await context.cookies()).filter((c) => c.name === "lookout_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.expires ?? 0).toBeGreaterThan(Date.now() / 1000);

  // The sign-in is in the audit log, under the operator's name.
  await page.goto("/audit?seam=operator.signed_in");
  await expect(page.getByText(/Signed in with the password from/).first()).toBeVisible();
  await expect(page.getByText("operator", { exact: true }).first()).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);

  // A copy of the old cookie is worthless after sign-out: the session itself was revoked.
  await context.addCookies([{ ...cookie!, expires: cookie!.expires }]);
  expect((await context.request.get("/api/dashboard")).status()).toBe(401);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
});

test("a dashboard left open goes to sign-in when its session is ended in another tab", async ({ context }) => {
  const dashboard = await context.newPage();
  await dashboard.goto("/");
  await submit(dashboard, E2E_OPERATOR_PASSWORD);
  await expect(dashboard.getByRole("heading", { name: "Vendor health" })).toBeVisible();

  const other = await context.newPage();
  await other.goto("/settings");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in$/);

  // The cards' next refresh answers 401, and the open page follows to sign-in instead of going stale.
  await expect(dashboard).toHaveURL(/\/sign-in$/, { timeout: 10_000 });
});

test("a Settings switch after the session ended goes to sign-in and changes nothing", async ({ page, context }) => {
  await page.goto("/settings");
  await submit(page, E2E_OPERATOR_PASSWORD);
  const toggle = page.locator('article[data-probe="fly"]').getByRole("switch");
  await expect(toggle).not.toBeChecked();

  // The cookie gone (expired in the browser): the proxy refuses the action call before it runs.
  await context.clearCookies();
  await toggle.click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);

  // Signed out in another tab, but this tab still sends the old cookie: its signature passes the proxy,
  // and the action itself refuses it.
  await submit(page, E2E_OPERATOR_PASSWORD);
  await expect(toggle).not.toBeChecked();
  const [cookie] = (await context.cookies()).filter((c) => c.name === "lookout_session");
  const other = await context.newPage();
  await other.goto("/settings");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/sign-in$/);
  await context.addCookies([cookie!]);
  await toggle.click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);

  await submit(page, E2E_OPERATOR_PASSWORD);
  await expect(toggle).not.toBeChecked();
});

test("the sign-in page on a phone", async ({ page }) => {
  await page.setViewportSize(phone);
  await page.goto("/investigations");
  await submit(page, "wrong-again-wrong-again");
  await expect(signInError(page)).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/sign-in-phone.png", fullPage: true });
  await submit(page, E2E_OPERATOR_PASSWORD);
  await expect(page).toHaveURL(/\/investigations$/);
  // Signed in, the bar holds the four sections and Sign out, all visible at phone width.
  const header = page.locator("header");
  for (const name of ["Health", "Investigations", "Settings", "Audit"]) await expect(header.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expect(header.getByRole("button", { name: "Sign out" })).toBeInViewport({ ratio: 1 });
  await header.screenshot({ path: "test-results/screenshots/top-bar-phone.png" });
  await page.setViewportSize(laptop);
  await header.screenshot({ path: "test-results/screenshots/top-bar-laptop.png" });
});

test("50 rapid wrong sign-ins are rate-limited; the right password works again after the window", async ({ page, context }) => {
  test.setTimeout(90_000);
  await page.goto("/settings");
  const messages = new Set<string>();
  for (let attempt = 0; attempt < 50; attempt++) {
    await submit(page, `wrong-${attempt}-password`);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    messages.add((await signInError(page).textContent()) ?? "");
  }
  expect([...messages].some((m) => m.startsWith("Too many failed sign-ins"))).toBe(true);

  // Locked out: even the right password is refused until the window has passed.
  await submit(page, E2E_OPERATOR_PASSWORD);
  await expect(signInError(page)).toContainText("Too many failed sign-ins");
  // The cookie would have come with that very answer.
  expect((await context.cookies()).some((c) => c.name === "lookout_session")).toBe(false);

  await page.waitForTimeout(E2E_SIGNIN_WINDOW_SECONDS * 1000);
  await submit(page, E2E_OPERATOR_PASSWORD);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Fix envelopes" })).toBeVisible();
});
