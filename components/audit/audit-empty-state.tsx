import { EmptyState } from "@/components/empty-state";

/** What an empty page means: nothing recorded yet, nothing matching, or the end of the log. */
export function AuditEmptyState({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  const [title, body] = paged
    ? ["No older events", "This is the end of the log for these filters."]
    : filtered
      ? ["No events match these filters", "Nothing recorded so far matches every filter above. Remove one to see more."]
      : [
          "Nothing recorded yet",
          "Lookout records here every change that matters: each time someone turns a fix envelope on or off in Settings, each time an incident opens and wakes the investigator, and each time it resolves.",
        ];
  return <EmptyState id="audit-empty" title={title} body={body} action={filtered && !paged ? { href: "/audit", label: "Show every event" } : undefined} />;
}
