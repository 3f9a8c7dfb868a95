import Link from "next/link";
import { investigationsHref, type InvestigationFilters } from "./investigations-href";

const linkClass =
  "inline-flex items-center rounded-lg bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 hover:text-slate-900";

/** Keyset pages: "Older" follows the cursor, "Newest" drops it; both keep the filters. */
export function InvestigationsPagination({ filters, paged, nextCursor }: { filters: InvestigationFilters; paged: boolean; nextCursor: string | null }) {
  if (!paged && nextCursor === null) return null;
  return (
    <nav aria-label="Investigation pages" className="flex items-center justify-between gap-4">
      {paged ? (
        <Link href={investigationsHref(filters)} className={linkClass}>
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {nextCursor !== null && (
        <Link href={investigationsHref(filters, nextCursor)} className={linkClass}>
          Older →
        </Link>
      )}
    </nav>
  );
}
