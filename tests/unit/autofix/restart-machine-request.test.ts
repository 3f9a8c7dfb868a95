import { describe, expect, it } from "vitest";
import { restartMachineRequest } from "@/lib/autofix/types";

// The shape of a restart request, as the model (or anyone) sends it to the Fly executor.

describe("restartMachineRequest", () => {
  it("reads app, machine and reason without the spaces around them", () => {
    expect(restartMachineRequest.parse({ app: " lookout-runtime ", machine_id: "\t9922b80b7686b7 ", reason: " wedged since the deploy\n" })).toEqual({
      app: "lookout-runtime",
      machine_id: "9922b80b7686b7",
      reason: "wedged since the deploy",
    });
  });

  it("refuses an app or machine that is only spaces", () => {
    expect(restartMachineRequest.safeParse({ app: "   ", machine_id: "m1" }).success).toBe(false);
    expect(restartMachineRequest.safeParse({ app: "web", machine_id: " \t " }).success).toBe(false);
  });
});
