import { describe, expect, it } from "vitest";
import { redactUrl } from "@/lib/database-provider.mjs";

describe("redactUrl", () => {
  it("masks the whole password, also one holding an unescaped @, and keeps the rest readable", () => {
    expect(redactUrl("postgresql://lookout:s3cret@db.example.com:5432/lookout")).toBe("postgresql://lookout:***@db.example.com:5432/lookout");
    expect(redactUrl("postgresql://lookout:pa@ss@word@db.example.com/lookout?sslmode=require")).toBe("postgresql://lookout:***@db.example.com/lookout?sslmode=require");
    expect(redactUrl("postgres://user:pw@host/db?application_name=a@b")).toBe("postgres://user:***@host/db?application_name=a@b");
  });

  it("leaves a URL without a password as it is", () => {
    expect(redactUrl("postgresql://lookout@db/lookout")).toBe("postgresql://lookout@db/lookout");
    expect(redactUrl("file:./data/lookout.db")).toBe("file:./data/lookout.db");
  });
});
