import Link from "next/link";
import { auditHref, type AuditFilters } from "./audit-href";

const linkClass =
  "inline-flex items-center rounded-lg bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 hover:text-slate-900";

/** Keyset pages: "Older" follows the cursor, "Newest" drops it; both keep the filters. */
export function AuditPagination({ filters, paged, nextCursor }: { filters: AuditFilters; paged: boolean; nextCursor: number | null }) {
  if (!paged && nextCursor === null) return null;
  return (
    <nav aria-label="Audit pages" className="flex items-center justify-between gap-4">
      {paged ? (
        <Link href={auditHref(filters)} className={linkClass}>
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {nextCursor !== null && (
        <Link href={auditHref(filters, nextCursor)} className={linkClass}>
          Older →
        </Link>
      )}
    </nav>
  );
}
