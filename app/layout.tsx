import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { TopBar } from "@/components/top-bar";
import "./globals.css";

// The mark from the top bar, inline so the app ships no separate icon file.
const icon =
  "data:image/svg+xml," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0f172a"/><g fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round"><path d="M5 16s4.7-9 11-9 11 9 11 9-4.7 9-11 9S5 16 5 16Z"/><circle cx="16" cy="16" r="3.6"/></g></svg>',
  );

export const metadata: Metadata = {
  title: "Lookout",
  description: "One dashboard for Supabase, Fly.io, Vercel, Sentry and Doppler.",
  icons: { icon },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">
        <Providers>
          <TopBar />
          <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
