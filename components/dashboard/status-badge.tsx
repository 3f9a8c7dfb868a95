import type { CardStatus } from "@/lib/dashboard/types";
import { statusStyles } from "./status-styles";

export function StatusBadge({ status }: { status: CardStatus }) {
  const style = statusStyles[status];
  return (
    <span
      data-status={status}
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${style.badge}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}
