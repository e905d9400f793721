import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PipelineSettingsForm, QuoteSettingsForm, RecycleBinSettingsForm, RegionalSettingsForm } from "@/components/settings/general-settings-forms";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getGeneralSettingsForEdit } from "@/lib/settings/mutations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

const SECTIONS = [
  { href: "/admin/scores", key: "analytics" },
  { href: "/admin/service", key: "service" },
  { href: "/admin/users", key: "users" },
  { href: "/admin/teams", key: "teams" },
] as const;

/** Admin → Settings: where every company setting lives, and the general ones edited here. */
export default async function SettingsPage() {
  const user = await requireUser();
  // Convenience only: the data layer refuses non-admins itself.
  if (!can(user, "admin.manage")) notFound();
  const t = await getTranslations("settings");
  const s = await getGeneralSettingsForEdit(user);
  const base = (g: { version: number; snapshot: Record<string, string | null> }) => ({ version: g.version, snapshot: g.snapshot });
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <nav aria-labelledby="settings-sections-title">
        <h2 id="settings-sections-title" className="mb-2 text-base font-semibold">
          {t("sections.title")}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2">
          {SECTIONS.map((section) => (
            <li key={section.key}>
              <Link href={section.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500">
                <span className="font-medium text-blue-700">{t(`sections.${section.key}.title`)}</span>
                <span className="mt-1 block text-sm text-slate-600">{t(`sections.${section.key}.text`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="text-lg font-semibold">{t("general")}</h2>
      <p className="-mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("appliesNote")}</p>
      {(
        [
          ["regional", <RegionalSettingsForm key="regional" currency={s.regional.value.currency} locale={s.regional.value.locale} base={base(s.regional)} />],
          ["pipeline", <PipelineSettingsForm key="pipeline" staleDays={s.pipeline.value.staleDays} base={base(s.pipeline)} />],
          ["quotes", <QuoteSettingsForm key="quotes" discountApprovalPct={s.quotes.value.discountApprovalPct} base={base(s.quotes)} />],
          ["recycleBin", <RecycleBinSettingsForm key="recycleBin" retentionDays={s.recycleBin.value.retentionDays} base={base(s.recycleBin)} />],
        ] as const
      ).map(([part, form]) => (
        <Card key={part} aria-labelledby={`settings-${part}-title`} data-testid={`settings-${part}`}>
          <h3 id={`settings-${part}-title`} className="text-base font-semibold">
            {t(`${part}.title`)}
          </h3>
          <p className="mb-3 text-sm text-slate-600">{t(`${part}.intro`)}</p>
          {form}
        </Card>
      ))}
    </div>
  );
}
