import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseStoredDetails } from "@/lib/probes/stored-details";
import type { ProbeName } from "@/lib/probes/types";
import { detectIssue } from "./detect-issue";
import type { IssueCategory } from "./rules";

/**
 * How many of the probe's latest snapshots (newest first, at most `limit`) in a row show an issue of
 * this category. Read from the database, so a restart does not reset flapping control.
 */
export async function countConsecutiveIssues(db: PrismaClient, probe: ProbeName, category: IssueCategory, limit: number): Promise<number> {
  const rows = await db.probeSnapshot.findMany({
    where: { probe },
    orderBy: { observedAt: "desc" },
    take: limit,
    select: { status: true, details: true, error: true },
  });
  let count = 0;
  for (const row of rows) {
    const issue = detectIssue({ probe, status: row.status, details: parseStoredDetails(row.details), error: row.error });
    if (issue?.category !== category) break;
    count++;
  }
  return count;
}
