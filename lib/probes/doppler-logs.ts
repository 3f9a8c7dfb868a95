import { z } from "zod";
import { bearer, fetchParsed } from "@/lib/probes/outcome";
import type { ProbeContext } from "@/lib/probes/types";

// Dates each Doppler secret by its latest change. Per Doppler's SDK models (DopplerHQ/node-sdk,
// ConfigLogsListResponse vs ConfigLogsGetResponse) the log LIST carries no `diff`; only the single log
// (GET /v3/configs/config/logs/log) names the secrets it changed, and its `added`/`removed` may hold
// secret values, so only `name` is ever read. A log entry never changes, so what one names is kept in
// the probe's memory and never fetched twice.

// Doppler documents no per_page maximum, only its default of 20: Lookout asks for what is sure to be served.
export const logsPerPage = 20;
/** Single-log requests in flight at once: Doppler allows about 240 requests a minute per token. */
export const logFetchConcurrency = 4;

export interface DopplerLogSource {
  token: string;
  apiUrl: string;
  /** project/config query parameters; empty for a service token, which implies both. */
  scope: URLSearchParams;
  /** Single-log requests allowed in this run. */
  fetchBudget: number;
}

const diffNames = z
  .array(z.object({ name: z.string().nullish() }))
  .nullish()
  .transform((diff) => (diff ? diff.flatMap((d) => (d.name ? [d.name] : [])) : null));
// Older list answers carried the diff inline; it is used when present, and the value fields are never read.
const logListSchema = z.object({ logs: z.array(z.object({ id: z.string(), created_at: z.string(), diff: diffNames })) });
const singleLogSchema = z.object({ log: z.object({ id: z.string(), diff: diffNames }) });

export interface SecretDating {
  /** Secret name -> epoch ms of its latest change, for every secret the logs read so far could date. */
  changedAt: Map<string, number>;
  /** True when the whole history was read: an undated secret is then not named by any log. */
  complete: boolean;
  /** Why reading stopped before the history ended, when it did (budget spent, a request failed). */
  stoppedBy: string | null;
  logsRead: number;
  logsFetched: number;
}

type LogEntry = { id: string; at: number; names: string[] | null };
const memoryKey = (id: string) => `config-log:${id}`;

function get<T>(source: DopplerLogSource, path: string, params: URLSearchParams, schema: z.ZodType<T>, ctx: ProbeContext) {
  const url = `${source.apiUrl}${path}?${params.toString()}`;
  return fetchParsed({ service: "Doppler API", url, headers: bearer(source.token), signal: ctx.signal }, schema);
}

function parseNames(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function recallNames(entries: LogEntry[], ctx: ProbeContext): Promise<void> {
  const unknown = entries.filter((e) => e.names === null);
  const remembered = await ctx.memory.recall(unknown.map((e) => memoryKey(e.id))).catch(() => new Map<string, string>());
  for (const entry of unknown) entry.names = parseNames(remembered.get(memoryKey(entry.id)));
}

type LogPage = Awaited<ReturnType<typeof listLogPage>>;

/** One page of the config-log list, newest first. */
export function listLogPage(source: DopplerLogSource, page: number, ctx: ProbeContext) {
  const params = new URLSearchParams(source.scope);
  params.set("page", String(page));
  params.set("per_page", String(logsPerPage));
  return get(source, "/v3/configs/config/logs", params, logListSchema, ctx);
}

/**
 * Walks the config logs newest first and dates every secret in `names` by the first (latest) log
 * naming it. It stops at the first log whose changes it cannot learn (budget spent, request failed):
 * a secret named only in an older log could have changed in that unknown one, so it stays undated.
 * The error is returned only when the first list page cannot be read at all. `firstPage` lets the caller
 * start that request early, alongside its own.
 */
export async function dateSecrets(source: DopplerLogSource, names: readonly string[], ctx: ProbeContext, firstPage?: Promise<LogPage>) {
  const undated = new Set(names);
  const dating: SecretDating = { changedAt: new Map(), complete: false, stoppedBy: null, logsRead: 0, logsFetched: 0 };
  const learned = new Map<string, string>();

  let page = 0;
  walk: while (undated.size > 0) {
    if (++page > ctx.pageCap) {
      dating.stoppedBy = `page cap of ${ctx.pageCap} reached`;
      break;
    }
    const listed = await (page === 1 && firstPage ? firstPage : listLogPage(source, page, ctx));
    if (!listed.ok) {
      if (page === 1) return listed;
      dating.stoppedBy = `a page of config logs could not be read: ${listed.error}`;
      break;
    }
    const entries: LogEntry[] = listed.data.logs.map((l) => ({ id: l.id, at: Date.parse(l.created_at), names: l.diff }));
    await recallNames(entries, ctx);

    for (let i = 0; i < entries.length && undated.size > 0; i += logFetchConcurrency) {
      const window = entries.slice(i, i + logFetchConcurrency);
      const allowed = Math.max(0, source.fetchBudget - dating.logsFetched);
      const toFetch = window.filter((e) => e.names === null).slice(0, allowed);
      dating.logsFetched += toFetch.length;
      const failures = await Promise.all(toFetch.map((entry) => fetchNames(source, entry, ctx, learned)));
      for (const entry of window) {
        if (entry.names === null || !Number.isFinite(entry.at)) {
          const failure = failures.find((f) => f !== null);
          dating.stoppedBy = failure ? `a config log could not be read: ${failure}` : `${source.fetchBudget} log reads a cycle`;
          break walk;
        }
        dating.logsRead += 1;
        for (const name of entry.names) {
          if (undated.delete(name)) dating.changedAt.set(name, entry.at);
        }
      }
    }
    // A short page is the end of the history.
    if (entries.length < logsPerPage) break;
  }
  dating.complete = dating.stoppedBy === null;
  await ctx.memory.remember(learned).catch(() => undefined);
  return { ok: true as const, data: dating };
}

/** Reads which secrets one log entry changed; returns why not when it could not. */
async function fetchNames(source: DopplerLogSource, entry: LogEntry, ctx: ProbeContext, learned: Map<string, string>): Promise<string | null> {
  const params = new URLSearchParams(source.scope);
  params.set("log", entry.id);
  const result = await get(source, "/v3/configs/config/logs/log", params, singleLogSchema, ctx);
  if (!result.ok) return result.error;
  if (result.data.log.id !== entry.id) return "Doppler API answered a different config log than the one asked for";
  entry.names = result.data.log.diff ?? [];
  learned.set(memoryKey(entry.id), JSON.stringify(entry.names));
  return null;
}
