import { describe, expect, it } from "vitest";
import { describeConsumeSummary } from "@/lib/wake/consume-wakes-logged";

const none = { investigated: 0, debounced: 0, deferred: 0, retried: 0, failed: 0, takenOver: 0, resolutionsNotified: 0, remindersQueued: 0, dmsSent: 0, dmsUndelivered: 0, outOfTime: 0 };

describe("describeConsumeSummary", () => {
  it("is null for a pass that did nothing", () => {
    expect(describeConsumeSummary(none)).toBeNull();
  });

  it("names every count that is not zero, in a fixed order", () => {
    expect(describeConsumeSummary({ investigated: 1, debounced: 2, deferred: 10, retried: 3, failed: 4, takenOver: 5, resolutionsNotified: 6, remindersQueued: 11, dmsSent: 7, dmsUndelivered: 8, outOfTime: 9 })).toBe(
      "wakes: 1 investigated, 2 debounced, 10 deferred behind an investigation in flight, 3 to retry, 4 failed for good, 5 taken over by another consumer, 6 resolution(s) told, 11 reminder(s) queued, 7 DM(s) delivered from the outbox, 8 DM(s) undeliverable, 9 pass(es) stopped short of the function's time limit (the rest left to the next run)",
    );
    expect(describeConsumeSummary({ ...none, retried: 1, dmsSent: 2 })).toBe("wakes: 1 to retry, 2 DM(s) delivered from the outbox");
  });
});
