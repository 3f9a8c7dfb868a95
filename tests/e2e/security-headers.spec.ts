import { expect, test, type Page } from "@playwright/test";
import { controlSimulator, runCronCycle } from "./harness";

// Every page answers with the security headers and a fresh nonce, and the browser runs the pages under that
// policy without a single violation: Next's scripts carry the nonce, so the client components still hydrate.

const pages = ["/", "/investigations", "/settings", "/audit"] as const;
const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1];

type Violations = { events: string[]; console: string[] };

/** Collects CSP violations on every document the page loads, from its first script on, and the console errors that report them. */
async function watchViolations(page: Page): Promise<() => Violations> {
  const violations: Violations = { events: [], console: [] };
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.console.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (line: string) => violations.events.push(line));
  await page.addInitScript(() => {
    const report = (window as unknown as { reportCspViolation: (line: string) => void }).reportCspViolation;
    document.addEventListener("securitypolicyviolation", (event) => {
      report(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return () => violations;
}

test.beforeEach(async () => {
  await controlSimulator("reset");
  await controlSimulator("scenario", { name: "all-healthy" });
});

test("every page and route answers with the policy, a fresh nonce and the hardening headers", async ({ request }) => {
  for (const path of [...pages, "/api/dashboard"]) {
    const first = await request.get(path);
    const second = await request.get(path);
    expect(first.status(), path).toBe(200);
    const headers = first.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(policy, path).not.toContain("unsafe-eval");
    expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(nonceOf(policy), path).toBeTruthy();
    expect(nonceOf(second.headers()["content-security-policy"] ?? ""), path).not.toBe(nonceOf(policy));
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["permissions-policy"], path).toBe("camera=(), microphone=(), geolocation=()");
  }
});

test("Next stamps the response's nonce on its scripts", async ({ request }) => {
  const response = await request.get("/");
  const nonce = nonceOf(response.headers()["content-security-policy"] ?? "");
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("the pages run under the policy without a violation, and still respond to clicks", async ({ page, request }) => {
  const violations = await watchViolations(page);
  await runCronCycle(request);

  await page.goto("/");
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByRole("status")).toContainText("Probe cycle finished");

  await page.goto("/settings");
  const switches = page.getByRole("switch");
  await expect(switches.first()).toBeVisible();
  expect(await switches.count()).toBeGreaterThan(0);

  for (const path of ["/investigations", "/audit"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // Let the dashboard's react-query polling run a round under the policy too.
  await page.goto("/");
  await page.waitForTimeout(1_500);

  expect(violations()).toEqual({ events: [], console: [] });

  // The watch itself works: an image from another origin is blocked by the policy and reported both ways.
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "https://example.invalid/pixel.png";
    document.body.append(image);
  });
  await expect.poll(() => violations().events).toEqual([expect.stringMatching(/^img-src blocked https:\/\/example\.invalid/)]);
  await expect.poll(() => violations().console.length).toBe(1);
});
