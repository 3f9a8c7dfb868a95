import Link from "next/link";

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
  return (
    <section aria-labelledby="audit-empty" className="rounded-xl border border-slate-200 bg-white px-5 py-6 sm:px-6">
      <h2 id="audit-empty" className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{body}</p>
      {filtered && !paged && (
        <Link href="/audit" className="mt-3 inline-block text-sm font-medium text-slate-900 underline underline-offset-2 hover:no-underline">
          Show every event
        </Link>
      )}
    </section>
  );
}
