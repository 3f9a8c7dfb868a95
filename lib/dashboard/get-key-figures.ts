import type { z } from "zod";
import type { ProbeName } from "@/lib/probes/types";
import {
  dopplerDetailsSchema,
  flyDetailsSchema,
  sentryDetailsSchema,
  supabaseDetailsSchema,
  vercelDetailsSchema,
} from "./details-schemas";
import type { KeyFigure } from "./types";

// Maps one snapshot's details to the few figures its card shows. Pure and total: any shape, even
// garbage, yields a (possibly empty) list, so a strange row can never break the dashboard.

const count = new Intl.NumberFormat("en-US");
const MAX_FLY_APPS = 4;
const MAX_NAMES = 3;

const plural = (n: number, word: string) => `${count.format(n)} ${word}${n === 1 ? "" : "s"}`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
const upDown = (v: "up" | "down"): Pick<KeyFigure, "value" | "tone"> =>
  v === "up" ? { value: "Up", tone: "good" } : { value: "Down", tone: "bad" };

/** "a, b, c and 2 more" — long lists stay one line on a phone. */
function listSome(items: string[], max = MAX_NAMES): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

function parse<S extends z.ZodType>(schema: S, details: unknown): z.output<S> | null {
  const input = typeof details === "object" && details !== null && !Array.isArray(details) ? details : {};
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

function supabaseFigures(details: unknown): KeyFigure[] {
  const d = parse(supabaseDetailsSchema, details);
  if (!d) return [];
  const figures: KeyFigure[] = [];
  if (d.rest) figures.push({ label: "REST API", ...upDown(d.rest) });
  if (d.auth) figures.push({ label: "Auth", ...upDown(d.auth), ...(d.auth_version ? { detail: `Version ${d.auth_version}` } : {}) });
  // A failed probe carries no connection figure; "Not reported" only means something when the API answered.
  if (d.connections_pct != null) figures.push({ label: "Connections", value: `${Math.round(d.connections_pct)} %` });
  else if (d.rest === "up") figures.push({ label: "Connections", value: "Not reported", ...(d.metrics_error ? { detail: d.metrics_error } : {}) });
  if (d.services?.length) {
    const down = d.services.filter((s) => !/^(active_)?healthy$/i.test(s.status ?? "")).map((s) => s.name ?? "unnamed");
    figures.push({
      label: "Services",
      value: `${d.services.length - down.length} of ${d.services.length} healthy`,
      ...(down.length ? { detail: `Not healthy: ${listSome(down)}`, tone: "bad" as const } : {}),
    });
  }
  return figures;
}

function flyFigures(details: unknown): KeyFigure[] {
  const d = parse(flyDetailsSchema, details);
  if (!d) return [];
  const apps = d.apps ?? [];
  if (apps.length === 0 && d.machines_total != null) {
    return [{ label: "Machines", value: `${d.machines_started ?? 0} of ${d.machines_total} started` }];
  }
  const figures: KeyFigure[] = apps.slice(0, MAX_FLY_APPS).map((app) => {
    if (app.reachable === false) return { label: app.app, value: "Unreachable", tone: "bad" };
    const unhealthy = app.unhealthy ?? [];
    const unhealthyCount = app.machines_unhealthy ?? unhealthy.length;
    const started =
      app.machines_total == null ? `${app.machines_started ?? 0} started` : `${app.machines_started ?? 0} of ${app.machines_total} started`;
    if (unhealthyCount === 0) return { label: app.app, value: started };
    const names = unhealthy.map((m) => {
      const where = [m.region, m.state].filter(Boolean).join(", ");
      return `${m.name ?? m.id ?? "machine"}${where ? ` (${where})` : ""}`;
    });
    return {
      label: app.app,
      value: `${started}, ${count.format(unhealthyCount)} unhealthy`,
      tone: "warn",
      ...(names.length ? { detail: `Unhealthy: ${listSome(names)}` } : {}),
    };
  });
  if (apps.length > MAX_FLY_APPS) figures.push({ label: "Other apps", value: plural(apps.length - MAX_FLY_APPS, "app") });
  return figures;
}

function vercelFigures(details: unknown): KeyFigure[] {
  const d = parse(vercelDetailsSchema, details);
  if (!d) return [];
  const figures: KeyFigure[] = [];
  if (d.error_rate_24h != null) {
    figures.push({ label: "Error rate (24 h)", value: `${(d.error_rate_24h * 100).toFixed(1)} %` });
  }
  if (d.deployments_24h != null) {
    const parts = [
      d.ready_24h != null ? `${count.format(d.ready_24h)} ready` : null,
      d.errors_24h != null ? `${count.format(d.errors_24h)} failed` : null,
      d.blocked_24h ? `${count.format(d.blocked_24h)} blocked` : null,
    ];
    const detail = parts.filter(Boolean).join(", ");
    figures.push({
      label: "Deployments (24 h)",
      value: `${count.format(d.deployments_24h)}${d.truncated ? "+" : ""}`,
      ...(detail ? { detail } : {}),
    });
  }
  if (d.latest?.state) {
    figures.push({ label: "Latest deployment", value: capitalize(d.latest.state), ...(d.latest.target ? { detail: capitalize(d.latest.target) } : {}) });
  }
  return figures;
}

function sentryFigures(details: unknown): KeyFigure[] {
  const d = parse(sentryDetailsSchema, details);
  if (!d) return [];
  const figures: KeyFigure[] = [];
  if (d.unresolved_count != null) {
    figures.push({ label: "Unresolved issues", value: `${count.format(d.unresolved_count)}${d.truncated ? "+" : ""}` });
  }
  const top = d.top?.[0];
  if (top?.title) {
    const events = typeof top.count === "number" ? plural(top.count, "event") : top.count ? `${top.count} events` : null;
    const detail = [top.short_id, top.level, events].filter(Boolean).join(" · ");
    figures.push({ label: "Top issue", value: top.title, ...(detail ? { detail } : {}) });
  } else if (d.unresolved_count === 0) {
    figures.push({ label: "Top issue", value: "None" });
  }
  return figures;
}

function dopplerFigures(details: unknown): KeyFigure[] {
  const d = parse(dopplerDetailsSchema, details);
  if (!d) return [];
  const figures: KeyFigure[] = [];
  const undated = d.secrets_undated ?? 0;
  if (d.age_status !== "unknown" && d.age_status != null && d.oldest_secret_age_days != null) {
    const days = plural(Math.floor(d.oldest_secret_age_days), "day");
    figures.push({
      label: undated ? "Oldest dated secret" : "Oldest secret",
      value: d.age_lower_bound ? `At least ${days}` : days,
      ...(d.oldest_secret_name ? { detail: d.oldest_secret_name } : {}),
    });
  } else if (d.age_status != null) {
    const value = d.secrets_tracked && undated === d.secrets_tracked ? "Not yet dated" : "Age unknown";
    figures.push({ label: "Oldest secret", value, ...(d.age_note ? { detail: d.age_note } : {}) });
  }
  if (d.secrets_tracked != null) {
    // Undated secrets are said plainly, never folded into an age: Lookout does not alarm on a guess.
    const notDated = undated && d.age_status === "partial" ? { detail: d.age_note ?? `${count.format(undated)} not yet dated` } : {};
    figures.push({ label: "Secrets tracked", value: count.format(d.secrets_tracked), ...notDated });
  }
  if (d.workplace) {
    // Doppler names token types like "service_token"; the card says "Service token".
    const tokenType = d.token_type ? capitalize(d.token_type.replace(/_/g, " ").replace(/\s*token$/i, "")) : null;
    figures.push({ label: "Workplace", value: d.workplace, ...(tokenType ? { detail: `${tokenType} token` } : {}) });
  }
  return figures;
}

const figuresByProbe: Record<ProbeName, (details: unknown) => KeyFigure[]> = {
  supabase: supabaseFigures,
  fly: flyFigures,
  vercel: vercelFigures,
  sentry: sentryFigures,
  doppler: dopplerFigures,
};

/** The card's key figures for one snapshot; a 429 leads, since every other figure may then be stale. */
export function getKeyFigures(probe: ProbeName, details: unknown): KeyFigure[] {
  const figures = figuresByProbe[probe](details);
  const limit = parse(supabaseDetailsSchema.pick({ rate_limited: true, retry_after_s: true }), details);
  if (!limit?.rate_limited) return figures;
  const retry = limit.retry_after_s != null ? `Retry in ${Math.ceil(limit.retry_after_s)} s` : "Retry later";
  return [{ label: "Rate limited", value: retry, tone: "warn" }, ...figures];
}
