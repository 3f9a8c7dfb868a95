import type { AuditChainResult } from "@/lib/audit/verify-audit-chain";
import { auditRowHref } from "./audit-href";

const count = (n: number) => n.toLocaleString("en-US");

/** Whether the audit log's hash chain verifies: every row still holds what was written, none removed. */
export function AuditChainStatus({ status, rowIdsOnPage }: { status: AuditChainResult; rowIdsOnPage: number[] }) {
  if (status.ok) {
    const verified = status.rows - status.unchained;
    return (
      <p data-chain-status="verified" className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span className="rounded-full bg-emerald-50 px-2.5 py-0.5 font-medium text-emerald-800 ring-1 ring-emerald-600/25 ring-inset">
          Chain verified: {count(verified)} {verified === 1 ? "row" : "rows"}
        </span>
        {status.unchained > 0 && <span>{count(status.unchained)} older rows predate the chain and are not covered.</span>}
      </p>
    );
  }
  const { id, reason } = status.brokenAt;
  return (
    <p role="alert" data-chain-status="broken" className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <a
        href={auditRowHref(id, rowIdsOnPage.includes(id))}
        className="rounded-full bg-red-50 px-2.5 py-0.5 font-medium text-red-800 ring-1 ring-red-600/30 ring-inset hover:bg-red-100"
      >
        Chain broken at row #{id}
      </a>
      <span>
        {reason}: the log was changed outside Lookout. Run <code className="font-mono text-xs">npm run audit:verify</code> for the full check.
      </span>
    </p>
  );
}
