import type { AutofixRecord } from "@/lib/autofix/types";
import type { Analysis } from "./findings";

// The model's words checked against Lookout's records. A sentence that says an action was taken
// (past tense, "I have …", "I am …ing") needs a succeeded record behind it; a sentence that says
// nothing was done is false once a restart succeeded. Recommendations ("restart the machine"),
// conditionals and questions are not claims. Pure: the caller reads the records.

export type ClaimedAction = "restart" | "fix" | "rollback" | "redeploy" | "rotation" | "scaling";

export type Claim = { kind: "action"; action: ClaimedAction; sentence: string } | { kind: "denial"; sentence: string };

interface ActionWords {
  past: string;
  gerund: string;
  noun: string;
  /** Whether "was <past>" without a subject counts: "DATABASE_URL was rotated" is usually vendor history. */
  passive: boolean;
}

// Restart and fix are the only actions Lookout can take (the Fly envelope); every other one it never takes.
const actionWords: Record<ClaimedAction, ActionWords> = {
  restart: { past: "restarted|rebooted|relaunched|power[- ]cycled", gerund: "restarting|rebooting|relaunching", noun: "restart|reboot", passive: true },
  fix: { past: "fixed|repaired|remediated|resolved", gerund: "fixing|repairing|remediating|resolving", noun: "fix|remediation", passive: false },
  rollback: { past: "rolled back|reverted", gerund: "rolling back|reverting", noun: "rollback|roll-back", passive: true },
  redeploy: { past: "re-?deployed", gerund: "re-?deploying", noun: "re-?deploy(?:ment)?", passive: true },
  rotation: { past: "rotated|regenerated|revoked", gerund: "rotating|regenerating|revoking", noun: "rotation", passive: true },
  scaling: { past: "scaled", gerund: "scaling", noun: "scale-up|scale-down", passive: true },
};

const actionNouns: Record<ClaimedAction, string> = { restart: "restart", fix: "fix", rollback: "rollback", redeploy: "redeploy", rotation: "secret rotation", scaling: "scaling" };

const SUBJECT = String.raw`(?:i|we|lookout|claude)`;
const ADVERBS = String.raw`(?:\s+(?:just|already|now|successfully|automatically|also|then|immediately|manually))*`;
const NOT_NOTHING = String.raw`(?!\s+(?:nothing|none|no)\b)`;
// After a passive verb: an agent other than Lookout, or a time in the past, makes it vendor history.
const HISTORY = String.raw`(?!\s+by\s+(?!lookout\b|me\b|us\b|claude\b)|\s+(?:\S+\s+){0,3}ago\b|\s+\d+\s+times\b|\s+on\s+\d{4}-)`;

function claimPatterns(w: ActionWords): RegExp[] {
  const patterns = [
    // "I restarted", "I've restarted", "Lookout has just restarted"
    String.raw`\b${SUBJECT}(?:'ve|'d|\s+have|\s+has|\s+had)?${ADVERBS}\s+(?:${w.past})\b${NOT_NOTHING}`,
    // "I'm restarting", "Lookout is now restarting"
    String.raw`\b${SUBJECT}(?:'m|'re|\s+am|\s+are|\s+is)(?:\s+now)?\s+(?:${w.gerund})\b`,
    // "I triggered a restart", "Lookout performed the rollback"
    String.raw`\b${SUBJECT}(?:'ve|\s+have|\s+has)?${ADVERBS}\s+(?:triggered|issued|performed|initiated|executed|ran|did|applied|completed|carried out)\s+(?:a|an|the|one|my|its)\s+(?:${w.noun})\b`,
    // "Restarted machine 9922b80b7686b7 of lookout-runtime" (the sentence opens with the verb)
    String.raw`^(?:successfully\s+|automatically\s+|just\s+)?(?:${w.past})\b${NOT_NOTHING}`,
    String.raw`\bsuccessfully\s+(?:${w.past})\b`,
    // "The restart was performed", "the rollback succeeded"; not "no restart was performed"
    String.raw`(?<!\bno\s+)\b(?:${w.noun})\s+(?:(?:was|has been|had been)(?:\s+(?:successfully|already|now))*\s+(?:performed|triggered|issued|executed|done|completed|initiated|applied|carried out|made|run)|succeeded|completed|worked|went through)\b`,
  ];
  if (w.passive) {
    patterns.push(String.raw`\b(?:was|were|has been|have been|had been|got|is now|are now)(?:\s+(?:just|already|now|successfully|automatically))*\s+(?:${w.past})\b${HISTORY}`);
  }
  return patterns.map((p) => new RegExp(p, "i"));
}

const claimTable = (Object.keys(actionWords) as ClaimedAction[]).map((action) => ({ action, patterns: claimPatterns(actionWords[action]) }));

// Sentences that say no restart (or nothing at all) was done.
const denialPatterns = [
  /\bno\s+(?:restart|reboot|fix|autofix|action|actions|change|changes|remediation)\s+(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?(?:attempted|performed|made|done|taken|applied|run|triggered|executed|tried|carried out)\b/i,
  /\bthere\s+(?:was|has been|have been)\s+no\s+(?:restart|reboot|fix|autofix|action|remediation)\b/i,
  /\bno\s+(?:restart|reboot|fix|autofix|action|remediation)\s+(?:happened|occurred|took place)\b/i,
  /\bnothing\s+(?:was|has been|had been|got)\s+(?:\w+\s+)?(?:done|changed|restarted|rebooted|fixed|attempted|touched)\b/i,
  /\b(?:i|we|lookout|claude)\s+(?:did not|didn't|could not|couldn't|cannot|can't|was unable to|were unable to|have not|haven't|has not|hasn't|never)\s+(?:\w+\s+)?(?:restart(?:ed)?|reboot(?:ed)?|fix(?:ed)?|attempt(?:ed)?|change(?:d)?|touch(?:ed)?|do|done|act(?:ed)?)\b/i,
  /\b(?:i|we|lookout|claude)\s+(?:did|changed|restarted|rebooted|fixed|touched|attempted)\s+nothing\b/i,
  /\b(?:was|were|has|have|had)(?:\s+not|n't|\s+never)\s+(?:been\s+)?(?:restarted|rebooted|fixed|touched)\b/i,
  /\bwithout\s+(?:a\s+|any\s+)?(?:restart(?:ing)?|reboot(?:ing)?)\b/i,
];
// "No other machine was restarted" is true beside a restart; such sentences are not denials.
const narrowing = /\b(?:other|another|else|further|additional|second|more|again)\b/i;
// Words before a match that make it hypothetical: "should have been restarted", "if I restarted it".
const hypothetical = /\b(?:should|would|could|must|might|may|can|will|shall|if|unless|whether)\s+(?:\w+\s+)?$/i;
// A negated subject before a passive verb: "Nothing has been restarted", "no other machine was restarted".
const negatedSubject = /\b(?:no|nothing|none|neither|nor)\b(?:\s+\S+){0,3}\s*$/i;
const listMarker = /^\s*(?:[-*•]|\d{1,3}[.)])\s+/;

function firstRealMatch(sentence: string, pattern: RegExp, { affirmative }: { affirmative: boolean }): boolean {
  const match = pattern.exec(sentence);
  if (match === null) return false;
  const before = sentence.slice(0, match.index);
  return !hypothetical.test(before) && !(affirmative && negatedSubject.test(before));
}

/** Every claim one sentence (or list item) makes; a question makes none. */
export function findClaims(sentence: string): Claim[] {
  const s = sentence.replace(listMarker, "").trim();
  if (s === "" || s.endsWith("?")) return [];
  const claims: Claim[] = claimTable.filter(({ patterns }) => patterns.some((p) => firstRealMatch(s, p, { affirmative: true }))).map(({ action }) => ({ kind: "action", action, sentence: s }));
  if (!narrowing.test(s) && denialPatterns.some((p) => firstRealMatch(s, p, { affirmative: false }))) claims.push({ kind: "denial", sentence: s });
  return claims;
}

/** Whether the records contradict a claim: an action needs a succeeded restart behind it, a denial needs none. */
export function isFalseClaim(claim: Claim, records: AutofixRecord[]): boolean {
  const restarted = records.some((r) => r.outcome === "succeeded");
  if (claim.kind === "denial") return restarted;
  return claim.action === "restart" || claim.action === "fix" ? !restarted : true;
}

function target(r: AutofixRecord): string {
  return `machine ${r.machineId ?? "?"} in ${r.app ?? "?"}`;
}

const attemptWords: Record<AutofixRecord["outcome"], string> = { succeeded: "succeeded", failed: "failed", refused: "refused", unconfirmed: "allowed, result not recorded" };

/** One line: what was claimed against what the records show. Never repeats the false sentence itself. */
export function describeMismatch(claims: Claim[], records: AutofixRecord[]): string {
  const succeeded = records.filter((r) => r.outcome === "succeeded");
  const parts = claims.map((claim) => {
    if (claim.kind === "denial") return `Claude denied any restart, but Lookout's records show a successful restart of ${succeeded.map(target).join(", ")}`;
    if (claim.action !== "restart" && claim.action !== "fix") return `Claude claimed a ${actionNouns[claim.action]}, which Lookout never performs; its records show none`;
    const attempts = records.map((r) => `${target(r)} ${attemptWords[r.outcome]}${r.rule ? ` (${r.rule})` : ""}`);
    return attempts.length
      ? `Claude claimed a ${actionNouns[claim.action]}, but none of Lookout's restart attempts in this incident succeeded (${attempts.join("; ")})`
      : `Claude claimed a ${actionNouns[claim.action]}, but Lookout's records show no restart attempt in this incident`;
  });
  return [...new Set(parts)].join("; ");
}

/** Splits text into sentences, keeping each line's list marker with its first sentence. */
function checkText(text: string, records: AutofixRecord[], found: Claim[]): string {
  const lines = text.split("\n").map((line) => {
    const marker = listMarker.exec(line)?.[0] ?? "";
    const kept = line
      .slice(marker.length)
      .split(/(?<=[.!?])\s+/)
      .filter((sentence) => {
        const wrong = findClaims(sentence).filter((c) => isFalseClaim(c, records));
        found.push(...wrong);
        return wrong.length === 0;
      })
      .join(" ");
    // A line whose every sentence was false goes; a blank line stays a paragraph break.
    return line.trim() === "" ? line : kept.trim() === "" ? null : `${marker}${kept}`;
  });
  return lines
    .filter((l): l is string => l !== null)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface ClaimCheck {
  /** The analysis as it may be shown: every sentence the records contradict removed. */
  analysis: Analysis;
  /** Null when there were no model words to check (the deterministic figures). */
  status: "passed" | "claim_mismatch" | null;
  mismatch: string | null;
  removed: string[];
}

/** Checks every sentence of the model's analysis against the incident's restart records. */
export function checkClaims(analysis: Analysis, records: AutofixRecord[]): ClaimCheck {
  if (analysis.format === "figures") return { analysis, status: null, mismatch: null, removed: [] };
  const found: Claim[] = [];
  const checked: Analysis =
    analysis.format === "text"
      ? { format: "text", text: checkText(analysis.text, records, found) }
      : {
          ...analysis,
          whatIsWrong: checkText(analysis.whatIsWrong, records, found),
          likelyCause: checkText(analysis.likelyCause, records, found),
          nextSteps: analysis.nextSteps.map((step) => checkText(step, records, found)).filter((step) => step !== ""),
        };
  if (found.length === 0) return { analysis, status: "passed", mismatch: null, removed: [] };
  return { analysis: checked, status: "claim_mismatch", mismatch: describeMismatch(found, records), removed: [...new Set(found.map((c) => c.sentence))] };
}
