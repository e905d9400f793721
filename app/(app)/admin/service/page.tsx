import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ServiceSettingsHoursForm } from "@/components/tickets/service-settings-hours-form";
import { ServiceSettingsMatrixForm } from "@/components/tickets/service-settings-matrix-form";
import { ServiceSettingsRoutingForm } from "@/components/tickets/service-settings-routing-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getServiceSettingsForEdit } from "@/lib/tickets/service-settings-admin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("service.settings");
  return { title: t("title") };
}

export default async function ServiceSettingsPage() {
  const user = await requireUser();
  // Convenience only: the data layer refuses non-admins itself.
  if (!can(user, "admin.manage")) notFound();
  const t = await getTranslations("service.settings");
  const settings = await getServiceSettingsForEdit(user);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t("appliesNote")}</p>
      {(
        [
          ["hours", <ServiceSettingsHoursForm key="hours" hours={settings.hours.value} version={settings.hours.version} snapshot={settings.hours.snapshot} />],
          ["matrix", <ServiceSettingsMatrixForm key="matrix" matrix={settings.matrix.value} version={settings.matrix.version} snapshot={settings.matrix.snapshot} />],
          ["routing", <ServiceSettingsRoutingForm key="routing" capacity={settings.routing.value.capacity} version={settings.routing.version} snapshot={settings.routing.snapshot} />],
        ] as const
      ).map(([part, form]) => (
        <Card key={part} aria-labelledby={`service-${part}-title`}>
          <h2 id={`service-${part}-title`} className="text-base font-semibold">
            {t(`${part}.title`)}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t(`${part}.hint`)}</p>
          {form}
        </Card>
      ))}
    </div>
  );
}
