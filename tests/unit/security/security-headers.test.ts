import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, buildSecurityHeaders, createNonce } from "@/lib/security/security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("createNonce", () => {
  it("gives 128 random bits in base64, different every call", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("buildContentSecurityPolicy", () => {
  it("allows scripts only with the nonce in production", () => {
    const policy = buildContentSecurityPolicy("abc123==", { development: false });
    expect(policy).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc123==' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'",
    );
    expect(directives(policy).get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("adds 'unsafe-eval' to scripts only in development", () => {
    const policy = directives(buildContentSecurityPolicy("n", { development: true }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("buildSecurityHeaders", () => {
  it("sends the policy and the fixed hardening headers", () => {
    const headers = buildSecurityHeaders("xyz", { development: false });
    expect(headers).toEqual({
      "Content-Security-Policy": buildContentSecurityPolicy("xyz", { development: false }),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    });
  });
});
