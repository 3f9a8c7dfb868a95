import Link from "next/link";
import { signOutAction } from "@/app/sign-in/actions";
import { getOperator } from "@/lib/auth/current-operator";
import { db } from "@/lib/db";
import { getUndeliveredDms } from "@/lib/slack/get-undelivered-dms";
import { NavLink } from "./nav-link";
import { UndeliveredDmBanner } from "./undelivered-dm-banner";

const navLinks = [
  { href: "/", label: "Health" },
  { href: "/investigations", label: "Investigations" },
  { href: "/settings", label: "Settings" },
  { href: "/audit", label: "Audit" },
] as const;

export async function TopBar() {
  // Signed out (the sign-in page), the bar is only the mark: no links that would bounce back to sign-in.
  const operator = await getOperator();
  const undelivered = operator ? await getUndeliveredDms(db) : null;
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3 sm:gap-6 sm:px-6">
          <Link href="/" className="flex shrink-0 items-center gap-2 text-base font-semibold tracking-tight text-slate-900">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-slate-900 text-white">
              <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12Z" />
                <circle cx="12" cy="12" r="3" />
              </svg>
            </span>
            {/* On a phone the mark alone leaves the four links room to fit. */}
            <span className="max-sm:sr-only">Lookout</span>
          </Link>
          {operator && (
            <>
              <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 overflow-x-auto sm:gap-1">
                {navLinks.map((link) => (
                  <NavLink key={link.href} href={link.href}>
                    {link.label}
                  </NavLink>
                ))}
              </nav>
              <form action={signOutAction} className="ml-auto flex shrink-0 items-center gap-3">
                <span className="text-sm text-slate-500 max-md:hidden">{operator.operator}</span>
                <button
                  type="submit"
                  title={`Sign out ${operator.operator}`}
                  className="flex items-center gap-1.5 rounded-md p-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:outline-none sm:px-2"
                >
                  <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 sm:hidden" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                    <path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9" />
                  </svg>
                  {/* On a phone the icon alone leaves the four links room to fit. */}
                  <span className="max-sm:sr-only">Sign out</span>
                </button>
              </form>
            </>
          )}
        </div>
      </header>
      {undelivered && <UndeliveredDmBanner undelivered={undelivered} />}
    </>
  );
}
