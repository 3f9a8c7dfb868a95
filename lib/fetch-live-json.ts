import { goToSignIn } from "@/lib/auth/go-to-sign-in";

/**
 * Browser side of a live-refresh poll. A 401 means the session ended while the page was open (expired,
 * or signed out in another tab): go to sign-in and come back here afterwards, rather than show stale data.
 */
export async function fetchLiveJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (response.status === 401) goToSignIn();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}
