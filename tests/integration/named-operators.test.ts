import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SignInForm } from "@/components/auth/sign-in-form";
import { hashOperatorPassword } from "@/lib/auth/operator-password-hash";
import { SignInLimiter } from "@/lib/auth/sign-in-limiter";
import { signIn } from "@/lib/auth/sign-in";
import { signInMode } from "@/lib/auth/sign-in-mode";
import { issueSignInToken } from "@/lib/auth/sign-in-token";
import { db } from "@/lib/db";
import { parseEnv, type Env } from "@/lib/env";

// A few named operators from configuration: each signs in with a name and a password kept only as a
// hash, and the audit log names whoever signed in.

let env: Env;
const limits = { maxFailures: 10, windowMs: 900_000 };
let logged: string[];

beforeAll(async () => {
  const [maya, sam] = await Promise.all([hashOperatorPassword("maya-password-0042"), hashOperatorPassword("sam-password-0099")]);
  env = parseEnv({ LOOKOUT_OPERATORS: `maya=${maya},sam=${sam}`, LOOKOUT_OPERATOR_PASSWORD: "single-operator-password", LOOKOUT_OPERATOR_NAME: "ops" });
});
beforeEach(() => {
  logged = [];
  for (const level of ["log", "warn"] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

describe("named operators", () => {
  it("sign in with their own name and password, and the session and audit row carry that name", async () => {
    expect(signInMode(env)).toBe("named");
    const result = await signIn({ name: "Maya", secret: "maya-password-0042" }, "203.0.113.20", { env, limiter: new SignInLimiter(limits) });
    if (!result.ok) throw new Error(result.message);
    expect(result.session.operator).toBe("maya");
    const row = await db.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(row).toMatchObject({ seam: "operator.signed_in", actor: "maya" });
  });

  it("refuse another operator's password, an unknown name, and a one-time token", async () => {
    const limiter = new SignInLimiter(limits);
    const token = await issueSignInToken(db);
    const before = await db.operatorSession.count();
    for (const attempt of [
      { name: "maya", secret: "sam-password-0099" },
      { name: "nobody", secret: "maya-password-0042" },
      // The single operator's password opens only the single operator's name, never an unknown one.
      { name: "nobody", secret: "single-operator-password" },
      { name: "", secret: "maya-password-0042" },
      { name: "maya", secret: token },
    ]) {
      expect(await signIn(attempt, "203.0.113.21", { env, limiter })).toMatchObject({ ok: false, message: "That name and password do not match." });
    }
    expect(await db.operatorSession.count()).toBe(before);
    expect(logged.join("\n")).not.toMatch(/maya-password|sam-password/);
  });

  it("match a name typed with stray spaces or another case", async () => {
    const result = await signIn({ name: "  MAYA ", secret: "maya-password-0042" }, "203.0.113.23", { env, limiter: new SignInLimiter(limits) });
    expect(result).toMatchObject({ ok: true, session: { operator: "maya" } });
  });

  it("keep LOOKOUT_OPERATOR_PASSWORD working under LOOKOUT_OPERATOR_NAME", async () => {
    const result = await signIn({ name: "ops", secret: "single-operator-password" }, "203.0.113.22", { env, limiter: new SignInLimiter(limits) });
    expect(result).toMatchObject({ ok: true, session: { operator: "ops" } });
  });

  it("get a form that asks for the name as well as the password", () => {
    const named = renderToStaticMarkup(createElement(SignInForm, { next: "/audit", mode: "named" }));
    expect(named).toContain('name="name"');
    expect(named).toMatch(/autocomplete="username"/i);
    const single = renderToStaticMarkup(createElement(SignInForm, { next: "/", mode: "password" }));
    expect(single).not.toContain('name="name"');
    expect(single).toContain('type="password"');
  });
});
