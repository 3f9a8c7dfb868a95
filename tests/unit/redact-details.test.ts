import { describe, expect, it } from "vitest";
import { redactDetails } from "@/lib/redact";

const credential = "sim-fly-Kx8vQ2mZ7rT4";

/** `leaf` wrapped in `levels` single-key objects: the innermost object sits at that depth (the root is depth 0). */
function nestInObjects(levels: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

/** `leaf` under a root key and then `levels - 1` arrays: the innermost object sits at depth `levels`. */
function nestInArrays(levels: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value: unknown = leaf;
  for (let i = 1; i < levels; i++) value = [value];
  return { list: value };
}

describe("redactDetails", () => {
  it("drops secret-named keys and masks credentials and token shapes in every other string", () => {
    const details = {
      app: "runtime",
      api_key: "whatever",
      headers: { Authorization: "Bearer abc", "x-request-id": "req_1", cookie: "s=1" },
      note: `token ${credential} leaked, and sbp_4f1c0a9e2b7d3c8e1f0a9b2c too`,
    };
    expect(redactDetails(details, [credential])).toEqual({
      app: "runtime",
      headers: { "x-request-id": "req_1" },
      note: "token [redacted] leaked, and [redacted] too",
    });
  });

  it("keeps numbers, booleans and null as they are", () => {
    const details = { machines_total: 4, healthy: false, ratio: 0.5, last_error: null, nested: { count: 0, ok: true, gone: null } };
    expect(redactDetails(details, [credential])).toEqual(details);
  });

  it("keeps arrays as arrays and walks their items", () => {
    const details = { apps: [{ app: "runtime", token: "x", note: credential }, "plain", credential, 3, null, ["deeper", credential]] };
    const redacted = redactDetails(details, [credential]);
    expect(redacted).toEqual({ apps: [{ app: "runtime", note: "[redacted]" }, "plain", "[redacted]", 3, null, ["deeper", "[redacted]"]] });
    expect(Array.isArray(redacted.apps)).toBe(true);
  });

  it("keeps the key names that only look secret-ish", () => {
    const details = { secrets_tracked: 12, token_type: "bearer", oldest_secret_name: "STRIPE_KEY" };
    expect(redactDetails(details, [])).toEqual(details);
  });

  it("does not change the details it was given", () => {
    const details = { password: "x", note: credential, list: [credential] };
    redactDetails(details, [credential]);
    expect(details).toEqual({ password: "x", note: credential, list: [credential] });
  });

  describe("depth limit: objects are walked down to depth 8; one at depth 9 is replaced, never passed on unread", () => {
    const leaf = () => ({ token: "x", note: credential });

    it.each([1, 7, 8])("walks an object nested %i deep in objects", (depth) => {
      expect(redactDetails(nestInObjects(depth, leaf()), [credential])).toEqual(nestInObjects(depth, { note: "[redacted]" }));
    });

    it("replaces an object nested 9 deep in objects", () => {
      expect(redactDetails(nestInObjects(9, leaf()), [credential])).toEqual(nestInObjects(8, { next: "[redacted: nested too deep]" }));
    });

    it.each([2, 8])("walks an object nested %i deep through arrays", (depth) => {
      expect(redactDetails(nestInArrays(depth, leaf()), [credential])).toEqual(nestInArrays(depth, { note: "[redacted]" }));
    });

    it("replaces an object nested 9 deep through arrays", () => {
      expect(JSON.stringify(redactDetails(nestInArrays(9, leaf()), [credential]))).not.toContain(credential);
      expect(redactDetails(nestInArrays(9, leaf()), [credential])).toEqual({ list: [[[[[[[["[redacted: nested too deep]"]]]]]]]] });
    });

    it("still masks a string at depth 9, whose parent object at depth 8 was walked", () => {
      expect(redactDetails(nestInObjects(8, { note: credential }), [credential])).toEqual(nestInObjects(8, { note: "[redacted]" }));
    });
  });
});
