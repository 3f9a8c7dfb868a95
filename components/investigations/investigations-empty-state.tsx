import Link from "next/link";

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
  return (
    <section aria-labelledby="investigations-empty" className="rounded-xl border border-slate-200 bg-white px-5 py-6 sm:px-6">
      <h2 id="investigations-empty" className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{body}</p>
      {filtered && !paged && (
        <Link href="/investigations" className="mt-3 inline-block text-sm font-medium text-slate-900 underline underline-offset-2 hover:no-underline">
          Clear filters
        </Link>
      )}
    </section>
  );
}
