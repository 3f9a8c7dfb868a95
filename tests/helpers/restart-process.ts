// A Lookout instance's Fly executor: once the test says go, asks to restart the machine in `argv[2]`
// ({ request, ctx } as JSON) and prints the result as one JSON line.
import { restartUnhealthyMachine } from "@/lib/autofix/restart-unhealthy-machine";
import type { AutofixContext } from "@/lib/autofix/types";
import { db } from "@/lib/db";
import { waitForGo } from "./wait-for-go";

const { request, ctx } = JSON.parse(process.argv[2]!) as { request: unknown; ctx: AutofixContext };
await waitForGo();
console.log(JSON.stringify(await restartUnhealthyMachine(request, ctx)));
await db.$disconnect();
process.exit(0);
