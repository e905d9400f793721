import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { OpportunityFormOptions } from "@/lib/opportunities/mutations";
import { OPP_SORT_KEYS, type OpportunityListQuery } from "@/lib/opportunities/rules/list-query";
import { STAGES } from "@/lib/opportunities/rules/stages";

/** A plain GET form: works without JavaScript and puts the whole list state in the URL. */
export async function OpportunityFilters({ query, options }: { query: OpportunityListQuery; options: OpportunityFormOptions }) {
  const t = await getTranslations();
  return (
    <form method="get" action="/opportunities" role="search" aria-label={t("opportunities.filters.label")} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <Field id="of-q" name="q" type="search" label={t("opportunities.filters.search")} defaultValue={query.q ?? ""} placeholder={t("opportunities.filters.searchHint")} />
        <SelectField id="of-sort" name="sort" label={t("opportunities.filters.sort")} defaultValue={query.sort}>
          {OPP_SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`opportunities.sort.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="of-dir" name="dir" label={t("opportunities.filters.direction")} defaultValue={query.dir}>
          <option value="asc">{t("opportunities.filters.asc")}</option>
          <option value="desc">{t("opportunities.filters.desc")}</option>
        </SelectField>
      </div>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <SelectField id="of-stage" name="stage" label={t("opportunities.fields.stage")} defaultValue={query.stage ?? ""}>
          <option value="">{t("opportunities.filters.any")}</option>
          <option value="open">{t("opportunities.filters.openStages")}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`enums.oppStage.${s}`)}
            </option>
          ))}
        </SelectField>
        {options.owners.length > 1 ? (
          <SelectField id="of-owner" name="ownerId" label={t("opportunities.fields.owner")} defaultValue={query.ownerId ? String(query.ownerId) : ""}>
            <option value="">{t("opportunities.filters.any")}</option>
            {options.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField id="of-partner" name="partnerId" label={t("opportunities.fields.partner")} defaultValue={query.partnerId ? String(query.partnerId) : ""}>
          <option value="">{t("opportunities.filters.any")}</option>
          {options.partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Field id="of-from" name="closeFrom" type="date" label={t("opportunities.filters.closeFrom")} defaultValue={query.closeFrom ?? ""} />
        <Field id="of-to" name="closeTo" type="date" label={t("opportunities.filters.closeTo")} defaultValue={query.closeTo ?? ""} />
        <Field id="of-days" name="staleDays" type="number" min={1} max={365} label={t("opportunities.filters.staleDays")} defaultValue={String(query.staleDays)} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="stale" value="1" defaultChecked={query.staleOnly} />
          {t("opportunities.filters.staleOnly", { days: query.staleDays })}
        </label>
        <Button type="submit">{t("opportunities.filters.apply")}</Button>
        <Link href="/opportunities" className="text-sm text-brand-700 underline">
          {t("opportunities.filters.clear")}
        </Link>
      </div>
    </form>
  );
}
