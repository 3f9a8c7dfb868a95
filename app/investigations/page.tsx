import { InvestigationFilterChips } from "@/components/investigations/investigation-filters";
import { InvestigationTable } from "@/components/investigations/investigation-table";
import { hasFilters } from "@/components/investigations/investigations-href";
import { InvestigationsEmptyState } from "@/components/investigations/investigations-empty-state";
import { InvestigationsPagination } from "@/components/investigations/investigations-pagination";
import { getServerTimeZone } from "@/lib/dashboard/get-dashboard";
import { investigationsQuery, listInvestigations } from "@/lib/timeline/list-investigations";
import { requireOperator } from "@/lib/auth/current-operator";

export const dynamic = "force-dynamic";

export const metadata = { title: "Investigations · Lookout" };

export default async function InvestigationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireOperator("/investigations");
  const { cursor, ...filters } = investigationsQuery.parse(await searchParams);
  const { rows, nextCursor } = await listInvestigations({ ...filters, cursor });
  const paged = cursor !== undefined;
  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Investigations</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-600">
          Every incident, newest first: what woke Lookout, what the investigation found and fixed, and whether its Slack DM reached you.
        </p>
      </div>
      <InvestigationFilterChips filters={filters} />
      {rows.length === 0 ? (
        <InvestigationsEmptyState filtered={hasFilters(filters)} paged={paged} />
      ) : (
        <InvestigationTable rows={rows} now={new Date().toISOString()} timeZone={getServerTimeZone()} />
      )}
      <InvestigationsPagination filters={filters} paged={paged} nextCursor={nextCursor} />
    </div>
  );
}
