import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CommandPalette } from "@/components/shell/command-palette";
import { DemoBanner } from "@/components/shell/demo-banner";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { UserMenu } from "@/components/shell/user-menu";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";

// Every page below needs a session. This redirect is a convenience for signed-out visitors; the data
// each page shows is still permission-checked in the data layer.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((item) => !item.requires || can(user, item.requires));
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("common.skipToContent")}
      </a>
      <aside className="hidden border-r border-slate-200 bg-white p-4 lg:block">
        <Link href="/" className="mb-6 block px-3 text-lg font-semibold text-brand-900">
          {t("app.name")}
        </Link>
        <SidebarNav items={items} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <DemoBanner />
        <header className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2">
          <div className="flex items-center gap-2">
            <MobileNav items={items} />
            <span className="font-semibold text-brand-900 lg:hidden">{t("app.name")}</span>
          </div>
          <div className="flex items-center gap-2">
            <CommandPalette />
            <UserMenu name={user.name} roleLabel={t(`roles.${user.role}`)} />
          </div>
        </header>
        <main id="main" className="flex-1 p-4 lg:p-8">
          {children}
        </main>
      </div>
    </div>
  );
}
