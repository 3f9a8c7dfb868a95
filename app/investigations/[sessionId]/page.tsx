import { notFound } from "next/navigation";
import { TimelineLive } from "@/components/investigations/timeline-live";
import { decodeSessionParam, snapshotCursorQuery } from "@/lib/timeline/timeline-params";
import { getServerTimeZone } from "@/lib/dashboard/get-dashboard";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { requireOperator } from "@/lib/auth/current-operator";

export const dynamic = "force-dynamic";

export const metadata = { title: "Incident timeline · Lookout" };

interface Props {
  params: Promise<{ sessionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function TimelinePage({ params, searchParams }: Props) {
  await requireOperator(`/investigations/${(await params).sessionId}`);
  const sessionId = decodeSessionParam((await params).sessionId);
  const cursor = snapshotCursorQuery.parse(await searchParams);
  const timeline = sessionId === null ? null : await getTimeline(sessionId, { snapshots: cursor });
  if (!timeline) notFound();
  return <TimelineLive initialData={timeline} cursor={cursor} timeZone={getServerTimeZone()} />;
}
