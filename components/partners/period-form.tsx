import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** The report period as a GET form, so the period lives in the URL. */
export async function PeriodForm({ action, from, to }: { action: string; from: string; to: string }) {
  const t = await getTranslations("partners");
  return (
    <form method="get" action={action} aria-label={t("report.period")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <Field id="pp-from" name="from" type="date" label={t("report.from")} defaultValue={from} />
      <Field id="pp-to" name="to" type="date" label={t("report.to")} defaultValue={to} />
      <Button type="submit">{t("report.apply")}</Button>
    </form>
  );
}
