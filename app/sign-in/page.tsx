import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getOperator } from "@/lib/auth/current-operator";
import { safeReturnPath } from "@/lib/auth/return-path";
import { signInMode } from "@/lib/auth/sign-in-mode";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export const metadata = { title: "Sign in · Lookout" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).next;
  const next = safeReturnPath(typeof raw === "string" ? raw : null);
  if (await getOperator()) redirect(next);
  const env = getEnv();
  const mode = signInMode(env);
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6 pt-6 sm:pt-16">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
        <p className="mt-1 text-sm text-slate-600">
          {mode === "named" ? (
            <>Lookout can restart production machines, so only its operators may see it. Sign in with your name and password.</>
          ) : mode === "password" ? (
            <>Lookout can restart production machines, so only its operator may see it. Enter the operator password.</>
          ) : (
            <>
              Enter the one-time sign-in token from the server log. <code className="text-xs whitespace-nowrap">npm run sign-in-token</code> prints a new one;
              set <code className="text-xs">LOOKOUT_OPERATOR_PASSWORD</code> to use a password instead.
            </>
          )}
        </p>
        {/* The demo's password is generated at each run; a newcomer has only the terminal to find it in. */}
        {env.LOOKOUT_DEMO && mode !== "token" && (
          <p className="mt-3 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
            This is the Lookout demo: the password is printed in the terminal running <code className="text-xs whitespace-nowrap">npm run demo</code>.
          </p>
        )}
      </div>
      <SignInForm next={next} mode={mode} />
    </div>
  );
}
