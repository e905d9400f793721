import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/shell/locale-switch";

/**
 * The frame of the pages a customer reaches from a mail without signing in (the CSAT rating, the
 * campaign unsubscribe): a title, one card, and the language switch — nothing of the app around it.
 */
export function PublicCardPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md">
        <h1 className="mb-4 text-center text-2xl font-semibold text-brand-900">{title}</h1>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        <div className="mt-4 flex justify-center">
          <LocaleSwitch />
        </div>
      </div>
    </main>
  );
}
