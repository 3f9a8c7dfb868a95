// Vercel REST API contract: GET /v6/deployments (list deployments) and its error bodies.
// Sources, read 2026-11-30:
// - vercel/sdk (@vercel/sdk 1.28.21), commit 426eb4b7d7869f7982bbb5d6732cf2048b156d3b:
//   src/models/getdeploymentsop.ts (Deployments, GetDeploymentsResponseBody, GetDeploymentsReadyState/State incl.
//   BLOCKED, GetDeploymentsSource, GetDeploymentsTarget, GetDeploymentsCreator) and src/models/pagination.ts.
// - Vercel's "REST API Errors" page, https://vercel.com/docs/rest-api/errors (stored copy): every error is
//   {"error": {"code", "message"}}; rate_limited adds `limit: {remaining, reset, resetMs, total}`.
import { z } from "zod";

export const vercelReadyStates = ["BLOCKED", "BUILDING", "CANCELED", "DELETED", "ERROR", "INITIALIZING", "QUEUED", "READY"] as const;

const sources = ["api-trigger-git-deploy", "cli", "clone/repo", "drop", "git", "git-deploy-hook", "import", "import/repo", "redeploy", "v0-web"] as const;

const creator = z.strictObject({
  uid: z.string().min(1),
  type: z.enum(["app", "integration", "system", "user"]).optional(),
  email: z.string().optional(),
  username: z.string().optional(),
  githubLogin: z.string().optional(),
  gitlabLogin: z.string().optional(),
});

// Fields the SDK lists but Lookout never reads: present or absent, their inner shape is Vercel's business.
const unread = z.unknown().optional();

export const vercelDeployment = z.strictObject({
  // Required in the SDK's Deployments type.
  uid: z.string().min(1),
  name: z.string(),
  projectId: z.string(),
  url: z.string(),
  created: z.number().int(),
  createdAt: z.number().int(),
  readyState: z.enum(vercelReadyStates),
  type: z.literal("LAMBDAS"),
  creator,
  inspectorUrl: z.string().nullable(),
  // Optional in the SDK.
  state: z.enum(vercelReadyStates).optional(),
  source: z.enum(sources).optional(),
  target: z.enum(["production", "staging"]).nullable().optional(),
  buildingAt: z.number().int().optional(),
  ready: z.number().int().optional(),
  errorCode: z.string().optional(),
  errorMessage: z.string().nullable().optional(),
  meta: z.record(z.string(), z.string()).optional(),
  aliasError: z.strictObject({ code: z.string(), message: z.string() }).nullable().optional(),
  aliasAssigned: z.union([z.number(), z.boolean()]).nullable().optional(),
  readySubstate: z.enum(["STAGED", "ROLLING", "PROMOTED"]).optional(),
  checksState: z.enum(["registered", "running", "completed"]).optional(),
  checksConclusion: z.enum(["succeeded", "failed", "skipped", "canceled"]).optional(),
  isRollbackCandidate: z.boolean().nullable().optional(),
  defaultRoute: z.string().optional(),
  deleted: z.number().optional(),
  undeleted: z.number().optional(),
  softDeletedByRetention: z.boolean().optional(),
  prebuilt: z.boolean().optional(),
  connectBuildsEnabled: z.boolean().optional(),
  connectConfigurationId: z.string().optional(),
  passiveConnectConfigurationId: z.string().optional(),
  expiration: z.number().optional(),
  proposedExpiration: z.number().optional(),
  checks: unread,
  oomReport: unread,
  manualProvisioning: unread,
  projectSettings: unread,
  platform: unread,
  customEnvironment: unread,
  seatBlock: unread,
  attribution: unread,
});

export const vercelPagination = z.strictObject({
  count: z.number().int().nonnegative(),
  next: z.number().int().nullable(),
  prev: z.number().int().nullable(),
});

export const vercelDeploymentsPage = z.strictObject({
  pagination: vercelPagination,
  deployments: z.array(vercelDeployment),
});

const rateLimit = z.strictObject({
  remaining: z.number().int().nonnegative(),
  /** Epoch seconds. */
  reset: z.number().int(),
  /** Epoch milliseconds. */
  resetMs: z.number().int(),
  total: z.number().int().positive(),
});

/**
 * The error envelope. `invalidToken` is not on the errors page, but real 403s for an expired or unknown token
 * carry `"invalidToken": true` (reported by many public users of the API), so it is allowed as a boolean.
 */
export const vercelError = z.strictObject({
  error: z.strictObject({
    code: z.string().regex(/^[a-z][a-z_]*$/),
    message: z.string().min(1),
    invalidToken: z.literal(true).optional(),
    limit: rateLimit.optional(),
  }),
});

/** The documented 429 body: the same envelope, code `rate_limited` and the limit always present. */
export const vercelRateLimited = z.strictObject({
  error: z.strictObject({ code: z.literal("rate_limited"), message: z.string().min(1), limit: rateLimit }),
});
