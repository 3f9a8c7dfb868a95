/** Snapshot details are stored as JSON text; a row that does not parse reads as no details, not a crash. */
export function parseStoredDetails(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
