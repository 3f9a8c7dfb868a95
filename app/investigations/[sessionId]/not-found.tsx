import Link from "next/link";

export default function IncidentNotFound() {
  return (
    <section aria-labelledby="not-found-title" className="rounded-xl border border-slate-200 bg-white px-5 py-6 sm:px-6">
      <h1 id="not-found-title" className="text-xl font-semibold tracking-tight text-slate-900">
        No such incident
      </h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">
        No incident has this session id. The link may be cut short or mistyped; every incident Lookout opened is listed on the
        investigations page.
      </p>
      <Link href="/investigations" className="mt-3 inline-block text-sm font-medium text-slate-900 underline underline-offset-2 hover:no-underline">
        All investigations
      </Link>
    </section>
  );
}
