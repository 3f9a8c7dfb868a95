import { AuditChainStatus } from "@/components/audit/audit-chain-status";
import { AuditEmptyState } from "@/components/audit/audit-empty-state";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { getAuditChainStatus } from "@/lib/audit/get-audit-chain-status";
import { auditQuery, listAuditEvents } from "@/lib/audit/list-audit-events";
import { getServerTimeZone } from "@/lib/dashboard/get-dashboard";
import { requireOperator } from "@/lib/auth/current-operator";

export const dynamic = "force-dynamic";

export const metadata = { title: "Audit log · Lookout" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator("/audit");
  const query = auditQuery.parse(await searchParams);
  const [{ rows, nextCursor }, chain] = await Promise.all([listAuditEvents(query), getAuditChainStatus()]);
  const filters = { seam: query.seam, probe: query.probe, session: query.session };
  const paged = query.cursor !== undefined;
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Audit log</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          What Lookout recorded, newest first: incidents waking the investigator and resolving, every investigation and autofix attempt, every change to a fix
          envelope, and every sign-in and sign-out. Rows are append-only: nothing here can be edited or removed.
        </p>
        <div className="mt-2">
          <AuditChainStatus status={chain} rowIdsOnPage={rows.map((row) => row.id)} />
        </div>
      </div>
      <AuditFilters filters={filters} />
      {rows.length === 0 ? (
        <AuditEmptyState filtered={Boolean(filters.seam || filters.probe || filters.session)} paged={paged} />
      ) : (
        <AuditEventList rows={rows} now={new Date().toISOString()} timeZone={getServerTimeZone()} />
      )}
      <AuditPagination filters={filters} paged={paged} nextCursor={nextCursor} />
    </div>
  );
}
