import { randomBytes } from "node:crypto";
import type { IssueCategory } from "@/lib/detect/rules";
import type { ProbeName } from "@/lib/probes/types";

/** Sortable by time, unguessable enough for a URL: base36 milliseconds + 6 random bytes. */
export function newIncidentId(now = new Date()): string {
  return `${now.getTime().toString(36)}${randomBytes(6).toString("hex")}`;
}

/** The join key every row about one incident carries. */
export function buildSessionId(probe: ProbeName, category: IssueCategory, incidentId: string): string {
  return `probe:${probe}:${category}:${incidentId}`;
}

export const sessionIdPattern = /^probe:[a-z]+:[a-z_]+:[a-z0-9]+$/;
