import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ImportDefinitionForm } from "@/components/segments/import-definition-form";
import { SegmentForm } from "@/components/segments/segment-form";
import { StaticCsvForm } from "@/components/segments/static-csv-form";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { editorOptions } from "@/lib/segments/queries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("segments");
  return { title: t("new.title") };
}

/** A new segment: built with the rule editor, uploaded as a list of customers, or imported from JSON. */
export default async function NewSegmentPage() {
  const user = await requireUser();
  // Convenience only: the data layer refuses (and logs) anyone without the right itself.
  if (!can(user, "segment.edit")) notFound();
  const [t, options] = await Promise.all([getTranslations("segments"), editorOptions(user)]);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href="/segments" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("new.title")}</h1>
        <p className="text-sm text-slate-600">{t("new.intro")}</p>
      </div>
      <SegmentForm options={options} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby="csv-title" id="csv">
          <h2 id="csv-title" className="text-lg font-semibold">
            {t("csv.title")}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t("csv.intro")}</p>
          <StaticCsvForm />
        </Card>
        <Card aria-labelledby="import-title" id="import">
          <h2 id="import-title" className="text-lg font-semibold">
            {t("import.title")}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t("import.intro")}</p>
          <ImportDefinitionForm />
        </Card>
      </div>
    </div>
  );
}
