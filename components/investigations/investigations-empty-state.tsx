import { EmptyState } from "@/components/empty-state";

/** What an empty page means: no incident yet, nothing matching the filters, or the end of the list. */
export function InvestigationsEmptyState({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  const [title, body] = paged
    ? ["No older incidents", "This is the end of the list for these filters."]
    : filtered
      ? ["No incidents match these filters", "No incident so far matches every filter above. Clear one to see more."]
      : [
          "No incidents yet",
          "An incident opens when a probe keeps failing. Each one appears here with its investigation: what Lookout found, any fix it ran inside an enabled envelope, and the Slack DM it sent you.",
        ];
  return <EmptyState id="investigations-empty" title={title} body={body} action={filtered && !paged ? { href: "/investigations", label: "Clear filters" } : undefined} />;
}
