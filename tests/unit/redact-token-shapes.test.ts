import { describe, expect, it } from "vitest";
import { redactText } from "@/lib/redact";

const mask = (text: string) => redactText(text, []);

/**
 * One row per token shape. `atMinimum` has exactly the shortest body the shape accepts, built from the edges of
 * its character class (A Z a z 0 9 and any punctuation it allows); `belowMinimum` is one character shorter.
 * `stop` is a character outside the class, which ends the token.
 */
const shapes = [
  { name: "Supabase sbp_", real: "sbp_4f1c0a9e2b7d3c8e1f0a9b2c3d4e5f6a7b8c9d0e", atMinimum: "sbp_AZaz09Qm", belowMinimum: "sbp_AZaz09Q", stop: "-" },
  { name: "Doppler service token", real: "dp.st.prd.Fk9x2LmQ7rT4vW8yZ1aB3cD5eG6hJ0kN", atMinimum: "dp.st.Az09._-z", belowMinimum: "dp.st.Az09._-", stop: ":" },
  { name: "Doppler personal token", real: "dp.pt.Fk9x2LmQ7rT4vW8yZ1aB3cD5eG6hJ0kN", atMinimum: "dp.pt.Az09._-z", belowMinimum: "dp.pt.Az09._-", stop: ":" },
  { name: "Doppler CLI token", real: "dp.ct.Fk9x2LmQ7rT4vW8yZ1aB3cD5eG6hJ0kN", atMinimum: "dp.ct.Az09._-z", belowMinimum: "dp.ct.Az09._-", stop: ":" },
  { name: "Doppler service account token", real: "dp.sa.Fk9x2LmQ7rT4vW8yZ1aB3cD5eG6hJ0kN", atMinimum: "dp.sa.Az09._-z", belowMinimum: "dp.sa.Az09._-", stop: ":" },
  { name: "Doppler SCIM token", real: "dp.scim.Fk9x2LmQ7rT4vW8yZ1aB3cD5eG6hJ0kN", atMinimum: "dp.scim.Az09._-z", belowMinimum: "dp.scim.Az09._-", stop: ":" },
  { name: "Doppler audit token", real: "dp.audit.Fk9x2LmQ7rT4vW8yZ1aB3cD5eG6hJ0kN", atMinimum: "dp.audit.Az09._-z", belowMinimum: "dp.audit.Az09._-", stop: ":" },
  { name: "Slack bot token", real: "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx", atMinimum: "xoxb-Az09-Zz9", belowMinimum: "xoxb-Az09-Zz", stop: "_" },
  { name: "Slack app token", real: "xoxa-2-1234567890-AbCdEfGhIjKl", atMinimum: "xoxa-Az09-Zz9", belowMinimum: "xoxa-Az09-Zz", stop: "_" },
  { name: "Slack user token", real: "xoxp-1234567890-0987654321-AbCdEfGhIjKl", atMinimum: "xoxp-Az09-Zz9", belowMinimum: "xoxp-Az09-Zz", stop: "_" },
  { name: "Slack workspace token", real: "xoxo-1234567890-AbCdEfGhIjKl", atMinimum: "xoxo-Az09-Zz9", belowMinimum: "xoxo-Az09-Zz", stop: "_" },
  { name: "Slack session token", real: "xoxs-1234567890-AbCdEfGhIjKl", atMinimum: "xoxs-Az09-Zz9", belowMinimum: "xoxs-Az09-Zz", stop: "_" },
  { name: "Slack refresh token", real: "xoxr-1234567890-AbCdEfGhIjKl", atMinimum: "xoxr-Az09-Zz9", belowMinimum: "xoxr-Az09-Zz", stop: "_" },
  { name: "Anthropic key", real: "sk-ant-api03-Hq7VxYzAbCdEfGh_IjKlMnOpQrStUvWx-0123456789AA", atMinimum: "sk-ant-Az09_-Za", belowMinimum: "sk-ant-Az09_-Z", stop: "." },
  { name: "Sentry org token", real: "sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_ZmxhZw==", atMinimum: "sntrys_Az09_=-z", belowMinimum: "sntrys_Az09_=-", stop: "." },
  { name: "Sentry user token", real: "sntryu_0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab", atMinimum: "sntryu_Az09_=-z", belowMinimum: "sntryu_Az09_=-", stop: "." },
  { name: "Fly token", real: "fo1_Kx8vQ2mZ7rT4_lJPECAAAAAAA-yZ1aB3cD5", atMinimum: "fo1_Az09_-Za", belowMinimum: "fo1_Az09_-Z", stop: "." },
  { name: "GitHub personal token", real: "ghp_abcdefghijklmnopqrstuvwxyz0123456789", atMinimum: "ghp_AZaz09AbCdEfGhIjKlMn", belowMinimum: "ghp_AZaz09AbCdEfGhIjKlM", stop: "_" },
  { name: "GitHub OAuth token", real: "gho_abcdefghijklmnopqrstuvwxyz0123456789", atMinimum: "gho_AZaz09AbCdEfGhIjKlMn", belowMinimum: "gho_AZaz09AbCdEfGhIjKlM", stop: "_" },
  { name: "GitHub user-to-server token", real: "ghu_abcdefghijklmnopqrstuvwxyz0123456789", atMinimum: "ghu_AZaz09AbCdEfGhIjKlMn", belowMinimum: "ghu_AZaz09AbCdEfGhIjKlM", stop: "_" },
  { name: "GitHub server-to-server token", real: "ghs_abcdefghijklmnopqrstuvwxyz0123456789", atMinimum: "ghs_AZaz09AbCdEfGhIjKlMn", belowMinimum: "ghs_AZaz09AbCdEfGhIjKlM", stop: "_" },
  { name: "GitHub refresh token", real: "ghr_abcdefghijklmnopqrstuvwxyz0123456789", atMinimum: "ghr_AZaz09AbCdEfGhIjKlMn", belowMinimum: "ghr_AZaz09AbCdEfGhIjKlM", stop: "_" },
  { name: "GitHub fine-grained token", real: "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQR", atMinimum: "github_pat_AZaz09_AbCdEfGhIjKlM", belowMinimum: "github_pat_AZaz09_AbCdEfGhIjKl", stop: "-" },
  { name: "Stripe live secret key", real: "sk_live_51ABCDEFghijklmnopQRSTUVwxyz0123456789", atMinimum: "sk_live_AZaz09QmXy", belowMinimum: "sk_live_AZaz09QmX", stop: "_" },
  { name: "Stripe test secret key", real: "sk_test_51ABCDEFghijklmnopQRSTUVwxyz0123456789", atMinimum: "sk_test_AZaz09QmXy", belowMinimum: "sk_test_AZaz09QmX", stop: "_" },
  { name: "Stripe live restricted key", real: "rk_live_51ABCDEFghijklmnopQRSTUVwxyz0123456789", atMinimum: "rk_live_AZaz09QmXy", belowMinimum: "rk_live_AZaz09QmX", stop: "_" },
  { name: "Stripe test restricted key", real: "rk_test_51ABCDEFghijklmnopQRSTUVwxyz0123456789", atMinimum: "rk_test_AZaz09QmXy", belowMinimum: "rk_test_AZaz09QmX", stop: "_" },
  { name: "AWS access key id", real: "AKIAIOSFODNN7EXAMPLE", atMinimum: "AKIA0123456789ABCXYZ", belowMinimum: "AKIA0123456789ABCXY", stop: "-" },
  {
    name: "JWT",
    real: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P-Ok6yJV_adQssw5c",
    atMinimum: "eyJAZaz09_-.eyJAZaz09_-.AZaz09_-",
    belowMinimum: "eyJAZaz09_-.eyJAZaz09_-.AZaz09_",
    stop: ".",
  },
];

describe("redactText on token shapes", () => {
  describe.each(shapes)("$name", ({ real, atMinimum, belowMinimum, stop }) => {
    it.each([
      ["at the start of the text", `${real} was rejected`, "[redacted] was rejected"],
      ["at the very end", `rejected ${real}`, "rejected [redacted]"],
      ["after punctuation", `error (${real}): denied`, "error ([redacted]): denied"],
      ["after a slash", `/v1/tokens/${real}/revoke`, "/v1/tokens/[redacted]/revoke"],
      ["in a URL query", `https://api.example.com/v1?token=${real}&page=2`, "https://api.example.com/v1?token=[redacted]&page=2"],
      ["in JSON", `{"token":"${real}","ok":false}`, `{"token":"[redacted]","ok":false}`],
      ["twice in one text", `old ${real} new ${real}`, "old [redacted] new [redacted]"],
    ])("is masked %s", (_where, input, expected) => {
      expect(mask(input)).toBe(expected);
    });

    it("is masked at its minimum length and left alone one character shorter", () => {
      expect(mask(`got ${atMinimum} back`)).toBe("got [redacted] back");
      expect(mask(`got ${belowMinimum} back`)).toBe(`got ${belowMinimum} back`);
    });

    it("ends at a character outside its class", () => {
      expect(mask(`${atMinimum}${stop}tail`)).toBe(`[redacted]${stop}tail`);
    });

    it.each(["x", "7", "_"])("does not start right after the word character %j", (glue) => {
      expect(mask(`id ${glue}${atMinimum} here`)).toBe(`id ${glue}${atMinimum} here`);
    });
  });

  it.each([
    ["a Doppler token with an unknown kind", "dp.zz.Fk9x2LmQ7rT4vW8yZ1aB"],
    ["a Slack token with an unknown kind", "xoxc-1234567890-AbCdEfGhIjKl"],
    ["a Sentry token with an unknown kind", "sntryx_0123456789abcdef"],
    ["a GitHub token with an unknown kind", "ghx_abcdefghijklmnopqrstuvwxyz0123456789"],
    ["a Stripe publishable key", "pk_live_51ABCDEFghijklmnopQRSTUV"],
    ["a Stripe key of an unknown mode", "sk_prod_51ABCDEFghijklmnopQRSTUV"],
    ["an AWS-like id with 17 characters after AKIA", "AKIA0123456789ABCXYZW"],
    ["an AWS-like id in lowercase", "AKIAiosfodnn7example"],
    ["a JWT whose header is cut to 7 characters", "eyJAZaz09_.eyJAZaz09_-.AZaz09_-"],
    ["a JWT whose payload is cut to 7 characters", "eyJAZaz09_-.eyJAZaz09_.AZaz09_-"],
    ["a JWT-like string without the second eyJ", "eyJAZaz09_-.AZaz09_-xx.AZaz09_-"],
  ])("leaves %s alone", (_case, text) => {
    expect(mask(`value ${text} end`)).toBe(`value ${text} end`);
  });

  it("masks every shape in one text", () => {
    const text = shapes.map((s) => s.real).join(" | ");
    expect(mask(text)).toBe(shapes.map(() => "[redacted]").join(" | "));
  });

  it("leaves ordinary prose, ids and hashes alone", () => {
    const text = "3 of 4 machines started; deploy dpl_8x2Lm7Qz on sbp-project, commit 4f1c0a9e2b7d3c8e1f0a9b2c, sk-ant is the prefix";
    expect(mask(text)).toBe(text);
  });
});

describe("redactText on Bearer and FlyV1 credentials", () => {
  it.each([
    ["an Authorization header", "Authorization: Bearer abcdefghijklmnop", "Authorization: Bearer [redacted]"],
    ["a header without a space after the colon", "Authorization:Bearer abcdefghijklmnop", "Authorization:Bearer [redacted]"],
    ["a header in JSON", `{"Authorization":"Bearer abcdefghijklmnop"}`, `{"Authorization":"Bearer [redacted]"}`],
    ["lowercase bearer", "authorization: bearer abcdefghijklmnop", "authorization: bearer [redacted]"],
    ["uppercase BEARER", "AUTHORIZATION: BEARER abcdefghijklmnop", "AUTHORIZATION: BEARER [redacted]"],
    ["a Fly macaroon", "FlyV1 fm2_lJPECAAAAAAA", "FlyV1 [redacted]"],
    ["a lowercase flyv1", "flyv1 fm2_lJPECAAAAAAA", "flyv1 [redacted]"],
    ["a multi-part Fly macaroon", "FlyV1 fm2_lJPECAAAAAAA,fm2_secondPartOfTheMacaroon,fm2_third== end", "FlyV1 [redacted] end"],
    ["several spaces before the token", "Bearer    abcdefghijklmnop", "Bearer [redacted]"],
    ["a tab before the token", "Bearer\tabcdefghijklmnop", "Bearer [redacted]"],
    ["a line break before the token", "Bearer\nabcdefghijklmnop", "Bearer [redacted]"],
    ["every punctuation a token may hold", "Bearer ._~+/=,- rest", "Bearer [redacted] rest"],
    ["letters and digits at the edges of their ranges", "Bearer AZaz09Qm rest", "Bearer [redacted] rest"],
    ["base64 with padding", "Bearer dXNlcjpwYXNzd29yZA== rest", "Bearer [redacted] rest"],
    ["a token that ends at a character outside the class", "Bearer abcdefghij;path=/", "Bearer [redacted];path=/"],
    ["two headers in one text", "Bearer abcdefghij and FlyV1 fm2_abcdefghij", "Bearer [redacted] and FlyV1 [redacted]"],
    ["an 8-character token", "Bearer abcdefgh", "Bearer [redacted]"],
  ])("masks %s and keeps the scheme word", (_case, input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it.each([
    ["a 7-character token", "Bearer abcdefg"],
    ["the scheme word glued to the token", "Bearerabcdefghijklmnop"],
    ["the scheme word glued to a preceding word", "xBearer abcdefghijklmnop"],
    ["the word Bearer in prose", "the Bearer of bad news"],
    ["an already masked header", "Authorization: Bearer [redacted]"],
  ])("leaves %s alone", (_case, text) => {
    expect(mask(text)).toBe(text);
  });
});

describe("redactText on URLs with a password", () => {
  it.each([
    ["postgres", "postgres://app:s3cr3t-pass@db.example.com:5432/app", "postgres://app:[redacted]@db.example.com:5432/app"],
    ["a scheme with + and digits in its name", "mongodb+srv://app:Pw0rd123@cluster0.example.net/db", "mongodb+srv://app:[redacted]@cluster0.example.net/db"],
    ["a scheme ending in a digit", "s3://AKIDEXAMPLE:wJalrXUtnFEMI@bucket/key", "s3://AKIDEXAMPLE:[redacted]@bucket/key"],
    ["a scheme with a dot and a dash", "x-vnd.proto://user:pw@host", "x-vnd.proto://user:[redacted]@host"],
    ["a one-letter scheme", "z://user:pw@host", "z://user:[redacted]@host"],
    ["an uppercase scheme", "HTTPS://Admin:Pa55word@Example.com/", "HTTPS://Admin:[redacted]@Example.com/"],
    ["a one-character password", "redis://default:x@cache:6379", "redis://default:[redacted]@cache:6379"],
    ["a one-character user", "redis://u:hunter22@cache:6379", "redis://u:[redacted]@cache:6379"],
    ["a password without a user", "REDIS_URL=redis://:p4ssw0rd@cache.internal:6379/0", "REDIS_URL=redis://:[redacted]@cache.internal:6379/0"],
    ["a scheme starting with an a", "amqp://guest:guest@rabbit:5672", "amqp://guest:[redacted]@rabbit:5672"],
    ["a scheme with an a after its first letter", "mariadb://app:pw@db:3306/app", "mariadb://app:[redacted]@db:3306/app"],
    ["a password holding a colon", "redis://default:pa:ss@cache:6379", "redis://default:[redacted]@cache:6379"],
    ["a URL inside JSON", `{"url":"postgres://app:pw@db/app"}`, `{"url":"postgres://app:[redacted]@db/app"}`],
    ["a URL after an equals sign", "DATABASE_URL=postgresql://app:pw@db/app", "DATABASE_URL=postgresql://app:[redacted]@db/app"],
    ["two URLs in one text", "primary postgres://a:pw1@db1 replica postgres://b:pw2@db2", "primary postgres://a:[redacted]@db1 replica postgres://b:[redacted]@db2"],
    ["an unescaped @ in the password", "postgres://app:p@ss@word@db.example.com/app", "postgres://app:[redacted]@db.example.com/app"],
    ["a scheme glued to a preceding word by an underscore", "url_postgres://app:pw@db/app", "url_postgres://app:[redacted]@db/app"],
    ["a scheme glued to a preceding digit", "2redis://:pw@cache", "2redis://:[redacted]@cache"],
    ["a URL in JSON followed by another @", `{"url":"postgres://app:pw@db","owner":"ops@example.com"}`, `{"url":"postgres://app:[redacted]@db","owner":"ops@example.com"}`],
  ])("masks the password of %s and keeps the rest", (_case, input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it.each([
    ["a URL with a user but no password", "https://deploy@git.example.com/repo.git"],
    ["an @ in the path", "http://host/path@x"],
    ["an image digest after a path with a colon", "https://registry.example.com/v2/library/node:20@sha256:abcd"],
    ["an image digest after a port", "https://registry.example.com:5000/library/node@sha256:abcd"],
    ["a port and an e-mail address later in the sentence", "docs at https://status.example.com:8443 or mail ops@example.com"],
    ["an empty password", "postgres://app:@db/app"],
    ["neither user nor password", "redis://:@cache:6379"],
    ["a scheme-less user:pass@host", "app:pw@db.example.com"],
    ["an already masked URL", "postgres://app:[redacted]@db/app"],
  ])("leaves %s alone", (_case, text) => {
    expect(mask(text)).toBe(text);
  });
});
