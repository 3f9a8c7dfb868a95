import { describe, expect, it } from "vitest";
import { redactText } from "@/lib/redact";

// 23 characters, no token shape: only the configured-credential rules can mask it.
const secret = "sim-vercel-Vt9kP2mQ7rX4";
const other = "cron-secret-Zq81Lm04";
const head = (length: number) => secret.slice(0, length);

describe("redactText on configured credentials", () => {
  it.each([
    ["alone", secret, "[redacted]"],
    ["in a sentence", `bad token ${secret} given`, "bad token [redacted] given"],
    ["several times", `${secret},${secret}`, "[redacted],[redacted]"],
    ["in JSON", `{"token":"${secret}"}`, `{"token":"[redacted]"}`],
  ])("masks a whole credential %s", (_case, input, expected) => {
    expect(redactText(input, [secret])).toBe(expected);
  });

  it("masks each of several credentials", () => {
    expect(redactText(`vercel ${secret} cron ${other}`, [secret, other])).toBe("vercel [redacted] cron [redacted]");
  });

  it("changes nothing without credentials or without a match", () => {
    expect(redactText(`bad token ${secret}`, [])).toBe(`bad token ${secret}`);
    expect(redactText("nothing to see", [secret, other])).toBe("nothing to see");
  });
});

describe("redactText on credentials cut short", () => {
  it.each([8, 9, 14, 22])("masks a %i-character head where the text ends", (length) => {
    expect(redactText(`bad token ${head(length)}`, [secret])).toBe("bad token [redacted]");
  });

  it.each([8, 9, 14, 22])("masks a %i-character head followed by an ellipsis", (length) => {
    expect(redactText(`bad token ${head(length)}… (truncated)`, [secret])).toBe("bad token [redacted]… (truncated)");
  });

  it("leaves a 7-character head alone, at the end or before an ellipsis", () => {
    expect(redactText(`status ${head(7)}`, [secret])).toBe(`status ${head(7)}`);
    expect(redactText(`status ${head(7)}… more`, [secret])).toBe(`status ${head(7)}… more`);
  });

  it("masks a text that is nothing but a head", () => {
    expect(redactText(head(12), [secret])).toBe("[redacted]");
  });

  it("masks every ellipsis-cut copy of a head", () => {
    expect(redactText(`first ${head(12)}… then ${head(12)}… again`, [secret])).toBe("first [redacted]… then [redacted]… again");
  });

  it("masks the cut heads of several credentials in one text", () => {
    expect(redactText(`vercel ${head(10)}… cron ${other.slice(0, 9)}`, [secret, other])).toBe("vercel [redacted]… cron [redacted]");
  });

  it("leaves a head that the text simply continues after, at the start or in the middle", () => {
    expect(redactText(`${head(12)} continues normally`, [secret])).toBe(`${head(12)} continues normally`);
    expect(redactText(`say ${head(12)}X and go`, [secret])).toBe(`say ${head(12)}X and go`);
  });

  it("cuts nothing from a credential of exactly 8 characters, which has no head long enough", () => {
    const short = "Qm7xK2pZ";
    expect(redactText(`got ${short.slice(0, 7)}`, [short])).toBe(`got ${short.slice(0, 7)}`);
    expect(redactText(`got ${short}`, [short])).toBe("got [redacted]");
  });
});
