import { z } from "zod";

/**
 * The timeline's snapshot page, from the query string (page and API route alike). Cursors are ISO
 * times; a bad value is dropped and the newest page shows, never an error.
 */
export const snapshotCursorQuery = z.object({
  before: z.string().trim().min(1).max(40).optional().catch(undefined),
  after: z.string().trim().min(1).max(40).optional().catch(undefined),
});
export type SnapshotCursorQuery = z.infer<typeof snapshotCursorQuery>;

/** Next may hand the segment over still percent-encoded; a malformed escape is no session at all. */
export function decodeSessionParam(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
