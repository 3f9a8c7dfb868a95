import Link from "next/link";
import { sessionHref } from "@/lib/incidents/session-href";
import type { UndeliveredDms } from "@/lib/slack/get-undelivered-dms";

/** Under the top bar on every page while a message to the operator was not delivered: never a silent miss. */
export function UndeliveredDmBanner({ undelivered }: { undelivered: UndeliveredDms }) {
  const { count, latest } = undelivered;
  if (!latest) return null;
  const what = `${count} Slack message${count === 1 ? "" : "s"} ${latest.status === "unknown" && count === 1 ? "may not have been" : "could not be"} delivered`;
  return (
    <div role="alert" data-testid="undelivered-dms" className="border-b border-red-200 bg-red-50">
      <p className="mx-auto flex max-w-6xl flex-wrap items-baseline gap-x-2 gap-y-0.5 px-3 py-2 text-sm text-red-900 sm:px-6">
        <span className="font-semibold">{what}:</span>{" "}
        <span className="min-w-0 break-words">{latest.reason}.</span>{" "}
        <Link href={sessionHref(latest.sessionId)} className="font-medium underline underline-offset-2 hover:no-underline">
          View incident
        </Link>
      </p>
    </div>
  );
}
