// npm run doctor — checks each configured vendor, Slack and (with --ai) Anthropic once; writes nothing.
import { formatConfigProblems, formatReport } from "../lib/doctor/format-report";
import { loadEnvFiles, readDoctorConfig } from "../lib/doctor/load-doctor-config";
import { formatRedactedJson, guardConsole, listOutputCredentials, redactOutput } from "../lib/doctor/redact-output";
import { runDoctor } from "../lib/doctor/run-doctor";

const usage = `Usage: npm run doctor [-- [--json] [--ai]]

Checks the configuration Lookout would start with: each configured vendor's probe runs once, Slack
checks its token and opens the operator's DM, and with --ai Anthropic gets a one-token call (it costs
money). Nothing is written to the database.

  --json   print the report as JSON
  --ai     also make the one-token Anthropic call

Exit codes: 0 everything configured works (warnings and unconfigured vendors included),
1 something configured does not work, 2 the configuration (or this command line) is invalid.
`;

/** Writes and waits for the write, so exiting right after cannot cut a piped report short. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => !["--json", "--ai", "--help", "-h"].includes(a));
  if (unknown.length > 0) {
    await write(process.stderr, `Unknown option ${unknown.join(" ")}\n\n${usage}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    await write(process.stdout, usage);
    return 0;
  }
  const json = args.includes("--json");

  const warnings = loadEnvFiles(process.cwd());
  const config = readDoctorConfig(process.env);
  guardConsole(config.credentials);
  for (const warning of warnings) console.error(`doctor: ${warning}`);

  if (!config.ok) {
    if (json) await write(process.stdout, `${formatRedactedJson({ ok: false, exitCode: 2, configProblems: config.problems }, config.credentials)}\n`);
    else await write(process.stderr, redactOutput(formatConfigProblems(config.problems), config.credentials));
    return 2;
  }

  const report = await runDoctor(config.env, { ai: args.includes("--ai") });
  const width = process.stdout.isTTY ? Math.min(process.stdout.columns || 100, 140) : null;
  const output = json ? `${formatRedactedJson(report, config.credentials)}\n` : redactOutput(formatReport(report, { width }), config.credentials);
  await write(process.stdout, output);
  return report.exitCode;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  // A crash prints one redacted line, never a stack trace that could quote a request.
  const message = error instanceof Error ? error.message : String(error);
  await write(process.stderr, `doctor: could not finish: ${redactOutput(message.split("\n")[0] ?? "", listOutputCredentials(process.env, null))}\n`);
  code = 1;
}
// Keep-alive sockets of the vendor clients would hold the process open for no reason.
process.exit(code);
