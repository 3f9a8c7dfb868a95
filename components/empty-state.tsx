import Link from "next/link";

/** What an empty list means, in the page's own words, with an optional way out (e.g. clear the filters). */
export function EmptyState({ id, title, body, action }: { id: string; title: string; body: string; action?: { href: string; label: string } }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white px-5 py-6 sm:px-6">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{body}</p>
      {action && (
        <Link href={action.href} className="mt-3 inline-block text-sm font-medium text-slate-900 underline underline-offset-2 hover:no-underline">
          {action.label}
        </Link>
      )}
    </section>
  );
}
