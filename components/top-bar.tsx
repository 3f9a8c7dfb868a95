import Link from "next/link";
import { NavLink } from "./nav-link";

const navLinks = [
  { href: "/", label: "Health" },
  { href: "/investigations", label: "Investigations" },
  { href: "/settings", label: "Settings" },
  { href: "/audit", label: "Audit" },
] as const;

export function TopBar() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:gap-6 sm:px-6">
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
        <nav aria-label="Main" className="-mr-4 flex min-w-0 items-center gap-0.5 overflow-x-auto pr-4 sm:mr-0 sm:gap-1 sm:pr-0">
          {navLinks.map((link) => (
            <NavLink key={link.href} href={link.href}>
              {link.label}
            </NavLink>
          ))}
        </nav>
      </div>
    </header>
  );
}
