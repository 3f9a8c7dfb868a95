import type { TimelineEntry } from "@/lib/timeline/types";

// One glyph and colour per kind, so the eye can run down the list; the heading always says it in words.
const kindStyles: Record<TimelineEntry["kind"], { ring: string; path: string }> = {
  wake: { ring: "bg-amber-50 text-amber-700 ring-amber-600/30", path: "M8 2v5l3 2M14 8A6 6 0 1 1 2 8a6 6 0 0 1 12 0Z" },
  autofix: { ring: "bg-sky-50 text-sky-700 ring-sky-600/25", path: "M10.5 2.5a3 3 0 0 0-3.9 3.9L2.5 10.5a1.4 1.4 0 0 0 2 2l4.1-4.1a3 3 0 0 0 3.9-3.9l-1.8 1.8-1.7-.3-.3-1.7Z" },
  investigation: { ring: "bg-violet-50 text-violet-700 ring-violet-600/25", path: "M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10ZM10.5 10.5 14 14" },
  dm: { ring: "bg-slate-100 text-slate-700 ring-slate-400/30", path: "M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2Z" },
  resolved: { ring: "bg-emerald-50 text-emerald-700 ring-emerald-600/25", path: "m3.5 8.5 3 3 6-7" },
  acknowledged: { ring: "bg-sky-50 text-sky-700 ring-sky-600/25", path: "M8 8.5a2.8 2.8 0 1 0 0-5.6 2.8 2.8 0 0 0 0 5.6ZM3 14c.6-2.3 2.6-3.6 5-3.6s4.4 1.3 5 3.6" },
  flapping: { ring: "bg-orange-50 text-orange-700 ring-orange-600/25", path: "M1.5 8h2l2-4.5 3 9 2-4.5h4" },
  escalated: { ring: "bg-red-50 text-red-700 ring-red-600/25", path: "M8 13V3M3.5 7.5 8 3l4.5 4.5" },
  recovering: { ring: "bg-emerald-50 text-emerald-700 ring-emerald-600/25", path: "M13.5 8A5.5 5.5 0 1 1 11.9 4M13.5 2.5V5.5H10.5" },
  maintenance: { ring: "bg-slate-100 text-slate-700 ring-slate-400/40", path: "M6 13.5a2 2 0 0 0 4 0M4 11.5h8.5l-1.3-1.8V6.5A3.2 3.2 0 0 0 6 4.3M4.8 6.6v3.1L3.5 11.5M2 2l12 12" },
};

export function TimelineIcon({ kind, failed, small = false }: { kind: TimelineEntry["kind"]; failed: boolean; small?: boolean }) {
  const ring = failed ? "bg-red-50 text-red-700 ring-red-600/25" : kindStyles[kind].ring;
  return (
    <span aria-hidden="true" className={`grid place-items-center rounded-full ring-1 ring-inset ${small ? "size-6" : "size-8"} ${ring}`}>
      <svg viewBox="0 0 16 16" className={small ? "size-3" : "size-4"} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        <path d={kindStyles[kind].path} />
      </svg>
    </span>
  );
}
