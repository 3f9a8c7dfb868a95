import { describe, expect, test } from "vitest";
import { z } from "zod";
import { bearer, envValue, expectValid, get, withSimulator, type Answer } from "./harness";
import { invalidStatsPeriodDetail, isAcceptedStatsPeriod, sentryDetails, sentryErrorSchema, sentryIssueProjectSchema, sentryMaxLimit } from "./sentry";

// The issues list's query parameters as Sentry's source defines them: `project` takes numeric ids and
// `projectSlug` slugs (organization.py get_projects), statsPeriod any parse_stats_period duration, and
// groupStatsPeriod only '', 24h, 14d or auto (organization_group_index.py).

const running = withSimulator();
/** Only the project of each item: the item shape has its own test in sentry.test.ts, and must not mask these. */
const projectsOnly = z.array(z.looseObject({ project: sentryIssueProjectSchema })).max(sentryMaxLimit);

async function issues(params: [string, string][]): Promise<Answer> {
  const url = new URL(`${envValue(running(), "SENTRY_API_URL")}/api/0/organizations/${envValue(running(), "SENTRY_ORG")}/issues/`);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return get(url, bearer(envValue(running(), "SENTRY_AUTH_TOKEN")));
}

async function listed(params: [string, string][]) {
  const res = await issues(params);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  return expectValid(projectsOnly, res.json(), "issues list");
}

async function errorDetail(params: [string, string][], status: number): Promise<string> {
  const res = await issues(params);
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  return expectValid(sentryErrorSchema, res.json(), `${status} body`).detail;
}

/** The org's projects as the unfiltered list reports them, so the test needs no knowledge of simulator state. */
async function someProject(): Promise<{ id: string; slug: string; total: number }> {
  const all = await listed([["query", ""], ["statsPeriod", "14d"]]);
  const project = all[0]?.project;
  if (!project) return expect.fail("the default simulator state lists no Sentry issues to filter");
  return { id: project.id, slug: project.slug, total: all.length };
}

describe("project (numeric ids) and projectSlug (slugs)", () => {
  test("project=<id> lists only that project's issues", async () => {
    const { id } = await someProject();
    const list = await listed([["query", ""], ["statsPeriod", "14d"], ["project", id]]);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.project.id === id)).toBe(true);
  });

  test("projectSlug=<slug> lists only that project's issues", async () => {
    const { slug, total } = await someProject();
    const list = await listed([["query", ""], ["statsPeriod", "14d"], ["projectSlug", slug]]);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.project.slug === slug), `${list.length} of ${total} issues returned for one slug`).toBe(true);
  });

  test("project=<slug> is a 400: the project parameter takes numbers only", async () => {
    const { slug } = await someProject();
    expect(await errorDetail([["project", slug]], 400)).toBe(sentryDetails.invalidProject);
  });

  test("project=<id>&projectSlug=<its slug>: the slug path is taken and the ids match, so it is accepted", async () => {
    const { id, slug } = await someProject();
    const list = await listed([["query", ""], ["statsPeriod", "14d"], ["project", id], ["projectSlug", slug]]);
    expect(list.every((i) => i.project.id === id && i.project.slug === slug)).toBe(true);
  });

  test("project=<another id>&projectSlug=<slug>: the ids do not match the slug's projects, so 403", async () => {
    const { slug } = await someProject();
    expect(await errorDetail([["project", "999999999"], ["projectSlug", slug]], 403)).toBe(sentryDetails.permissionDenied);
  });

  test("projectSlug=<unknown slug>: 403", async () => {
    expect(await errorDetail([["projectSlug", "no-such-project"]], 403)).toBe(sentryDetails.permissionDenied);
  });

  test("project=-1 and projectSlug=$all both mean every accessible project", async () => {
    const { total } = await someProject();
    expect(await listed([["query", ""], ["statsPeriod", "14d"], ["project", "-1"]])).toHaveLength(total);
    expect(await listed([["query", ""], ["statsPeriod", "14d"], ["projectSlug", "$all"]])).toHaveLength(total);
  });
});

describe("statsPeriod: any parse_stats_period duration", () => {
  test.each(["24h", "14d", "90d", "2w", "30m", "3600s", "3600", "1h"])("statsPeriod=%s is accepted", async (period) => {
    expect(isAcceptedStatsPeriod(period)).toBe(true);
    await listed([["statsPeriod", period]]);
  });

  test.each(["yesterday", "1y", "24hours", ""])("statsPeriod=%j is a 400 naming the value", async (period) => {
    expect(isAcceptedStatsPeriod(period)).toBe(false);
    expect(await errorDetail([["statsPeriod", period]], 400)).toBe(invalidStatsPeriodDetail(period));
  });

  test("groupStatsPeriod, unlike statsPeriod, takes only '', 24h, 14d or auto", async () => {
    await listed([["statsPeriod", "7d"], ["groupStatsPeriod", "14d"]]);
    expect(await errorDetail([["statsPeriod", "24h"], ["groupStatsPeriod", "7d"]], 400)).toBe(sentryDetails.invalidGroupStatsPeriod);
  });
});
