import type { DoctorCheck, DoctorReport, Verdict } from "@/lib/doctor/types";

// Plain, aligned text for a terminal: one head line per check, then what it saw, the vendor's own
// problem sentence and the fix, indented under it. Lines are wrapped only when a width is given
// (a terminal); piped output keeps one line per item so it can be grepped.

const badges: Record<Verdict, string> = { ok: "OK", warn: "WARN", fail: "FAIL", unconfigured: "-", skipped: "SKIP" };
const gap = 2;

export interface FormatOptions {
  /** Terminal width to wrap at; null for no wrapping. */
  width: number | null;
}

function wrap(text: string, width: number | null, indent: number): string[] {
  if (width === null || indent + text.length <= width) return [text];
  const room = Math.max(30, width - indent);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function describeHead(check: DoctorCheck): string {
  if (check.verdict === "unconfigured") return `not configured (missing ${check.missing.join(", ")})`;
  if (check.verdict === "skipped") return check.notes[0] ?? "not checked";
  const where = check.endpoint ?? "the vendor";
  if (check.reachable === false) return `no answer from ${where}${check.latencyMs === null ? "" : ` (gave up after ${check.latencyMs} ms)`}`;
  return `${where} answered${check.latencyMs === null ? "" : ` in ${check.latencyMs} ms`}`;
}

function listRows(check: DoctorCheck): [string, string][] {
  if (check.verdict === "unconfigured" || check.verdict === "skipped") return [];
  return [
    ...check.figures.map((f): [string, string] => [f.label, f.detail ? `${f.value} (${f.detail})` : f.value]),
    ...check.problems.map((p): [string, string] => ["problem", p]),
    ...check.fixes.map((f): [string, string] => [f.level === "fail" ? "fix" : "hint", f.sentence]),
    ...check.notes.map((n): [string, string] => ["note", n]),
  ];
}

function formatCheck(check: DoctorCheck, nameWidth: number, badgeWidth: number, opts: FormatOptions): string[] {
  const indent = nameWidth + badgeWidth;
  const headText = wrap(describeHead(check), opts.width, indent);
  const lines = headText.map((t, i) => (i === 0 ? `${check.label.padEnd(nameWidth)}${badges[check.verdict].padEnd(badgeWidth)}${t}` : `${" ".repeat(indent)}${t}`));
  const rows = listRows(check);
  const keyWidth = Math.max(0, ...rows.map(([k]) => k.length)) + gap;
  for (const [key, value] of rows) {
    const wrapped = wrap(value, opts.width, indent + keyWidth);
    wrapped.forEach((t, i) => lines.push(`${" ".repeat(indent)}${(i === 0 ? key : "").padEnd(keyWidth)}${t}`));
  }
  return lines;
}

function describeCounts(report: DoctorReport): string {
  const c = report.counts;
  const parts = [
    `${c.ok} ok`,
    c.warn ? `${c.warn} with a warning` : null,
    c.fail ? `${c.fail} failed` : null,
    c.unconfigured ? `${c.unconfigured} not configured` : null,
    c.skipped ? `${c.skipped} not called` : null,
  ];
  return parts.filter(Boolean).join(", ");
}

function describeExit(report: DoctorReport): string {
  if (report.exitCode === 1) return "Exit code 1: something configured does not work; see the fix lines.";
  if (report.counts.warn > 0) return "Exit code 0: everything configured works; the warnings are what the vendors report right now.";
  return "Exit code 0: everything configured works.";
}

/** The report as aligned plain text, ending with a newline. */
export function formatReport(report: DoctorReport, opts: FormatOptions = { width: null }): string {
  const nameWidth = Math.max(...report.checks.map((c) => c.label.length)) + gap;
  const badgeWidth = Math.max(...Object.values(badges).map((b) => b.length)) + gap;
  const body = report.checks.flatMap((c) => formatCheck(c, nameWidth, badgeWidth, opts));
  const heading = `Lookout doctor: each configured vendor checked once${report.ai ? "" : " (Anthropic only with --ai)"}; nothing is written.`;
  const footer = `${describeCounts(report)}. ${describeExit(report)}`;
  return [...wrap(heading, opts.width, 0), "", ...body, "", ...wrap(footer, opts.width, 0), ""].join("\n");
}

/** The configuration problems, as the server prints them when it refuses to start. */
export function formatConfigProblems(problems: string[]): string {
  return [`Invalid configuration:`, ...problems.map((p) => `  - ${p}`), "Fix these in .env (see .env.example) and run npm run doctor again.", ""].join("\n");
}
