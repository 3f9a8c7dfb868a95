import { signInPath } from "./return-path";

// Browser side: what a page does when the server says its session is over.

/** Sends the browser to sign-in, to come back to this page afterwards. */
export function goToSignIn(): void {
  window.location.assign(signInPath(window.location.pathname + window.location.search));
}

/**
 * After a server action call failed outright: was it because the session ended? Then go to sign-in and
 * say so (true); otherwise the failure is the network's or the server's (false).
 */
export async function followEndedSession(): Promise<boolean> {
  try {
    const response = await fetch("/api/session", { cache: "no-store" });
    if (response.status !== 401) return false;
  } catch {
    return false;
  }
  goToSignIn();
  return true;
}
