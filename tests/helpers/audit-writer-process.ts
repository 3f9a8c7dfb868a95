// A Lookout instance appending `argv[3]` audit rows as writer `argv[2]`, the way Lookout writes them: in
// transactions of one row or a batch, once the test says go.
import { writeAuditEvent, writeAuditEvents, type AuditEventInput } from "@/lib/audit/write-audit-event";
import { db } from "@/lib/db";
import { waitForGo } from "./wait-for-go";

const writer = process.argv[2]!;
const rows = Number(process.argv[3]);
const event = (n: number): AuditEventInput => ({ seam: "envelope.toggled", actor: `writer-${writer}`, probe: "fly", details: { n } });

await waitForGo();
let written = 0;
for (let round = 0; written < rows; round++) {
  // One row, then a batch of three, then two in one transaction: every shape of append Lookout makes.
  const size = Math.min([1, 3, 2][round % 3]!, rows - written);
  const first = written;
  if (size === 1) await db.$transaction((tx) => writeAuditEvent(tx, event(first)));
  else await db.$transaction((tx) => writeAuditEvents(tx, Array.from({ length: size }, (_, i) => event(first + i))));
  written += size;
}
await db.$disconnect();
process.exit(0);
