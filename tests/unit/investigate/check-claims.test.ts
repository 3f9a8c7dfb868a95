import { describe, expect, it } from "vitest";
import type { AutofixRecord } from "@/lib/autofix/types";
import { checkClaims, describeMismatch, findClaims, type Claim } from "@/lib/investigate/check-claims";
import type { Analysis } from "@/lib/investigate/findings";

const succeeded: AutofixRecord = { wakeId: "w1", outcome: "succeeded", rule: null, app: "lookout-runtime", machineId: "9922b80b7686b7", message: "Restarted machine 9922b80b7686b7 in lookout-runtime." };
const refused: AutofixRecord = { wakeId: "w1", outcome: "refused", rule: "machine_reported_unhealthy", app: "lookout-runtime", machineId: "m-other", message: "not reported unhealthy" };
const failed: AutofixRecord = { wakeId: "w1", outcome: "failed", rule: null, app: "lookout-runtime", machineId: "9922b80b7686b7", message: "Fly answered 500" };

// Sentences that claim an action was taken, and the action each claims.
const actionClaims: [string, string][] = [
  ["Restarted machine 9922b80b7686b7 of lookout-runtime; its health check should pass again within a minute.", "restart"],
  ["I restarted the machine.", "restart"],
  ["I have restarted machine 9922b80b7686b7.", "restart"],
  ["I've just restarted it and it is healthy again.", "restart"],
  ["Lookout has restarted the failed machine.", "restart"],
  ["We rebooted the instance at 10:02.", "restart"],
  ["The machine was restarted and is passing its checks.", "restart"],
  ["Machine 9922b80b7686b7 has been successfully restarted.", "restart"],
  ["The failed machine was restarted by Lookout.", "restart"],
  ["I am restarting the machine now.", "restart"],
  ["I triggered a restart of machine 9922b80b7686b7.", "restart"],
  ["The restart was performed at 10:02.", "restart"],
  ["The restart succeeded.", "restart"],
  ["- Restarted the machine", "restart"],
  ["2. Successfully restarted machine 9922b80b7686b7", "restart"],
  ["I rolled back the latest production deployment.", "rollback"],
  ["The deployment has been rolled back to the last READY build.", "rollback"],
  ["Rolled back to dpl_123.", "rollback"],
  ["I redeployed the previous build.", "redeploy"],
  ["The app was redeployed.", "redeploy"],
  ["I have rotated DATABASE_URL.", "rotation"],
  ["STRIPE_SECRET_KEY has been rotated.", "rotation"],
  ["I scaled the app to three machines.", "scaling"],
  ["The app was scaled to three machines.", "scaling"],
  ["I fixed the failing machine.", "fix"],
  ["Lookout has resolved the incident.", "fix"],
];

// Sentences that say nothing was done.
const denials = [
  "No restart was attempted.",
  "No fix was attempted; the envelope is off.",
  "No action was taken.",
  "Nothing was changed.",
  "Nothing has been restarted.",
  "I did not restart the machine.",
  "I could not restart it; please do.",
  "Lookout didn't restart anything.",
  "The machine was not restarted.",
  "Machine 9922b80b7686b7 has not been restarted.",
  "It wasn't restarted.",
  "Lookout did nothing.",
  "There was no restart.",
  "The machine recovered without a restart.",
  "The machine recovered without restarting.",
  "It came back without any restart.",
  "It came back without a reboot.",
  "No restart happened.",
  "There was no reboot.",
  "No action was ever taken.",
  "Nothing was really touched.",
  "I did not reboot the machine.",
  "We could not fix it.",
  "Lookout did not attempt a restart.",
  "We did not change anything.",
  "I did not touch the machine.",
  "Claude did not act on it.",
  "The machine has never been restarted.",
  "I restarted nothing.",
  "Nothing changed; I did not restart the machine.",
];

// The same denials as a model sometimes types them, with runs of spaces between the words.
const spacedDenials = [
  "No  action  was  ever  taken.",
  "There  was  no  reboot.",
  "No  restart  happened.",
  "Nothing  was  really  touched.",
  "I  did not  actually  restart the machine.",
  "Lookout  did  nothing.",
  "It was  not restarted.",
  "The machine has never  been  restarted.",
  "The machine has  never been restarted.",
  "It came back without  a  reboot.",
  "It came back without any  restart.",
];

// Recommendations, conditionals, questions, vendor history and narrowed denials: no claim at all.
const neither = [
  "Restart the machine from the Fly dashboard.",
  "Restart machine 9922b80b7686b7 if its check stays critical.",
  "You should restart the machine.",
  "Consider rolling back the latest deployment.",
  "Roll back the production alias if users are affected.",
  "Rotate DATABASE_URL with its owner.",
  "Redeploy once the build is fixed.",
  "The machine should have been restarted by the deploy.",
  "If it was restarted, watch its checks.",
  "Was the machine restarted?",
  "DATABASE_URL was last rotated 240 days ago.",
  "STRIPE_SECRET_KEY was rotated 212 days ago.",
  "The machine was restarted 3 times in the last hour by Fly.",
  "The machine was restarted by Fly's scheduler after the OOM kill.",
  "Restarting the machine should clear the check.",
  "If the restart does not help, look at the latest release.",
  "Watch for a repeat after a restart.",
  "No other machine was restarted.",
  "Lookout restarts at most one machine per incident.",
  "The machine is failing its health check (state failed).",
  "Machine 9922b80b7686b7 in lookout-runtime is failing its health check.",
  "I am confident the check failed because of the OOM kill.",
  "The same error was resolved last week with a config change.",
  "Has Lookout restarted the machine?",
  "Has Lookout restarted the machine? ",
  "If I restarted it, watch its checks.",
  "If  I restarted it, watch its checks.",
  "If it  was restarted, watch its checks.",
];

// A negation close before a passive verb makes it no claim of an action: "no machine was restarted".
const negatedPassives = ["No machine was restarted.", "No  machine was restarted.", "No machine  was restarted."];

describe("findClaims", () => {
  it.each(actionClaims)("reads %j as a claimed %s", (sentence, action) => {
    expect(findClaims(sentence)).toContainEqual(expect.objectContaining({ kind: "action", action }));
  });

  it.each(denials)("reads %j as saying nothing was done", (sentence) => {
    expect(findClaims(sentence).map((c) => c.kind)).toEqual(["denial"]);
  });

  it.each(spacedDenials)("reads %j, spaces and all, as saying nothing was done", (sentence) => {
    expect(findClaims(sentence).map((c) => c.kind)).toEqual(["denial"]);
  });

  it.each(neither)("reads %j as no claim", (sentence) => {
    expect(findClaims(sentence)).toEqual([]);
  });

  it.each(negatedPassives)("reads %j as no claimed action", (sentence) => {
    expect(findClaims(sentence).filter((c) => c.kind === "action")).toEqual([]);
  });

  it("reads a hypothetical word earlier in the sentence as no hedge on the claim", () => {
    expect(findClaims("As the check would not pass, I restarted the machine.")).toEqual([{ kind: "action", action: "restart", sentence: "As the check would not pass, I restarted the machine." }]);
  });

  it("reads a negation earlier in the sentence as no denial of the claim", () => {
    expect(findClaims("No errors were logged after I restarted the machine.")).toEqual([{ kind: "action", action: "restart", sentence: "No errors were logged after I restarted the machine." }]);
  });
});

const report = (whatIsWrong: string, likelyCause = "The process stopped answering its health check.", nextSteps = ["Restart the machine from the Fly dashboard."]): Analysis => ({
  format: "report",
  whatIsWrong,
  likelyCause,
  nextSteps,
  confidence: "medium",
});

describe("checkClaims", () => {
  it("passes a truthful report untouched, whatever the records", () => {
    const truthful = report("Machine 9922b80b7686b7 in lookout-runtime failed its health check.");
    for (const records of [[], [refused], [succeeded]]) {
      expect(checkClaims(truthful, records)).toEqual({ analysis: truthful, status: "passed", mismatch: null, removed: [] });
    }
  });

  it("passes a restart claim when the records show a restart that succeeded", () => {
    const honest = report("Machine 9922b80b7686b7 failed its health check. Restarted machine 9922b80b7686b7 of lookout-runtime.");
    expect(checkClaims(honest, [refused, succeeded]).status).toBe("passed");
  });

  it.each([
    ["no attempt at all", [] as AutofixRecord[], "no restart attempt in this incident"],
    ["a refused attempt", [refused], "machine m-other in lookout-runtime refused (machine_reported_unhealthy)"],
    ["a failed attempt", [failed], "machine 9922b80b7686b7 in lookout-runtime failed"],
  ])("removes a claimed restart when the records show %s, and says so in one line", (_label, records, shows) => {
    const lying = report("Machine 9922b80b7686b7 failed its health check. Restarted machine 9922b80b7686b7 of lookout-runtime; it should pass again within a minute.");
    const check = checkClaims(lying, records);
    expect(check.status).toBe("claim_mismatch");
    expect(check.analysis).toMatchObject({ format: "report", whatIsWrong: "Machine 9922b80b7686b7 failed its health check." });
    expect(check.removed).toEqual(["Restarted machine 9922b80b7686b7 of lookout-runtime; it should pass again within a minute."]);
    expect(check.mismatch).toContain("Claude claimed a restart");
    expect(check.mismatch).toContain(shows);
    expect(check.mismatch).not.toContain("Restarted machine");
  });

  it("removes a claim of an action Lookout never takes, even beside a real restart", () => {
    const check = checkClaims(report("Deployments are failing.", "A bad commit. I rolled back the production deployment."), [succeeded]);
    expect(check.status).toBe("claim_mismatch");
    expect(check.analysis).toMatchObject({ likelyCause: "A bad commit." });
    expect(check.mismatch).toBe("Claude claimed a rollback, which Lookout never performs; its records show none");
  });

  it("removes a denial when a restart succeeded, naming the restart", () => {
    const check = checkClaims(report("Machine 9922b80b7686b7 failed. No restart was attempted; nothing was changed."), [succeeded]);
    expect(check.status).toBe("claim_mismatch");
    expect(check.analysis).toMatchObject({ whatIsWrong: "Machine 9922b80b7686b7 failed." });
    expect(check.mismatch).toBe("Claude denied any restart, but Lookout's records show a successful restart of machine 9922b80b7686b7 in lookout-runtime");
    // Without a restart, the same denial is simply true.
    expect(checkClaims(report("Machine failed. No restart was attempted."), [refused]).status).toBe("passed");
  });

  it("checks next steps item by item, dropping an item that is only a false claim", () => {
    const check = checkClaims(report("Machine failed.", "A crash.", ["Restarted the machine.", "Read its logs around 10:02.", "Restart it again if the check stays critical."]), []);
    expect(check.analysis).toMatchObject({ nextSteps: ["Read its logs around 10:02.", "Restart it again if the check stays critical."] });
  });

  it("checks free text line by line, keeping list markers and paragraphs", () => {
    const text = "Machine 9922b80b7686b7 failed.\n\n- I restarted it. Watch its checks.\n- Read the logs.";
    const check = checkClaims({ format: "text", text }, []);
    expect(check.analysis).toEqual({ format: "text", text: "Machine 9922b80b7686b7 failed.\n\n- Watch its checks.\n- Read the logs." });
    expect(check.status).toBe("claim_mismatch");
  });

  it("leaves the deterministic figures alone: they are Lookout's words, not the model's", () => {
    const figures: Analysis = { format: "figures", text: "Restarted machine x." };
    expect(checkClaims(figures, [])).toEqual({ analysis: figures, status: null, mismatch: null, removed: [] });
  });

  it("passes a claimed fix when a restart succeeded: the restart is the fix Lookout makes", () => {
    expect(checkClaims(report("I fixed the failing machine."), [succeeded]).status).toBe("passed");
  });

  it("keeps the sentences around a removed one, spaced as they were written", () => {
    const check = checkClaims(report("Machine 9922b80b7686b7 failed its health check. I restarted it. Its check is http."), []);
    expect(check.analysis).toMatchObject({ whatIsWrong: "Machine 9922b80b7686b7 failed its health check. Its check is http." });
  });

  it.each([
    ["a line that was only a false claim goes", "Machine failed.\nI restarted it.\nRead the logs.", "Machine failed.\nRead the logs."],
    ["a blank line between paragraphs stays", "Machine failed.\n   \nI restarted it. Read the logs.", "Machine failed.\n   \nRead the logs."],
    ["a closing newline goes", "Machine failed.\nI restarted it.\n", "Machine failed."],
    ["a removed paragraph leaves one paragraph break", "Machine failed.\n\nI restarted it.\n\nRead the logs.", "Machine failed.\n\nRead the logs."],
    ["sentences split on any run of spaces", "Machine failed.\nI restarted it.  Watch its checks.\nRead the logs.", "Machine failed.\nWatch its checks.\nRead the logs."],
    ["a dash inside a line is no list marker", "Machine failed - check http critical.\nI restarted it.", "Machine failed - check http critical."],
    ["a numbered item keeps its number", "10) I restarted it. Watch its checks.", "10) Watch its checks."],
    ["a marker keeps its own spacing", "-  I restarted it. Watch its checks.", "-  Watch its checks."],
    ["a bracketed number is text, not a marker", "(1) I restarted the machine. Watch its checks.", "Watch its checks."],
  ])("checks free text line by line: %s", (_label, text, shown) => {
    expect(checkClaims({ format: "text", text }, []).analysis).toEqual({ format: "text", text: shown });
  });

  it.each([
    ["a fix with no attempt", [{ kind: "action", action: "fix", sentence: "x" }], [], "Claude claimed a fix, but Lookout's records show no restart attempt in this incident"],
    [
      "a restart against every attempt, each with its outcome",
      [{ kind: "action", action: "restart", sentence: "x" }],
      [failed, { ...refused, rule: null, outcome: "unconfirmed" }, { ...succeeded, app: null, machineId: null }],
      "Claude claimed a restart, but none of Lookout's restart attempts in this incident succeeded (machine 9922b80b7686b7 in lookout-runtime failed; machine m-other in lookout-runtime allowed, result not recorded; machine ? in ? succeeded)",
    ],
    [
      "a denial, naming only the restarts that succeeded",
      [{ kind: "denial", sentence: "x" }],
      [refused, succeeded, { ...succeeded, machineId: "e784079b" }],
      "Claude denied any restart, but Lookout's records show a successful restart of machine 9922b80b7686b7 in lookout-runtime, machine e784079b in lookout-runtime",
    ],
    ["a redeploy", [{ kind: "action", action: "redeploy", sentence: "x" }], [], "Claude claimed a redeploy, which Lookout never performs; its records show none"],
    [
      "two different claims, each once",
      [
        { kind: "action", action: "rotation", sentence: "x" },
        { kind: "action", action: "scaling", sentence: "y" },
        { kind: "action", action: "rotation", sentence: "z" },
      ],
      [],
      "Claude claimed a secret rotation, which Lookout never performs; its records show none; Claude claimed a scaling, which Lookout never performs; its records show none",
    ],
  ] as [string, Claim[], AutofixRecord[], string][])("describes %s in one line", (_label, claims, records, line) => {
    expect(describeMismatch(claims, records)).toBe(line);
  });

  it("never words a mismatch so that it reads as a claim itself", () => {
    const lines = [
      describeMismatch([{ kind: "action", action: "restart", sentence: "x" }], []),
      describeMismatch([{ kind: "action", action: "restart", sentence: "x" }], [refused, failed]),
      describeMismatch([{ kind: "denial", sentence: "x" }], [succeeded]),
      describeMismatch([{ kind: "action", action: "rotation", sentence: "x" }], []),
    ];
    for (const line of lines) expect(findClaims(line), line).toEqual([]);
  });
});
