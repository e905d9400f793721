import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { LeadFilterOptions } from "@/lib/leads/mutations";
import { LEAD_SORT_KEYS, type LeadListQuery } from "@/lib/leads/rules/list-query";
import { LeadStatus } from "@/lib/platform/enums";

/** A plain GET form: works without JavaScript and puts the whole list state in the URL. */
export async function LeadFilters({ query, options }: { query: LeadListQuery; options: LeadFilterOptions }) {
  const t = await getTranslations("leads");
  const owner = query.owner ? (query.owner.kind === "user" ? String(query.owner.id) : query.owner.kind) : "";
  return (
    <form method="get" action="/leads" role="search" aria-label={t("filters.label")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-6">
      <div className="sm:col-span-2">
        <Field id="lf-q" name="q" type="search" label={t("filters.search")} placeholder={t("filters.searchHint")} defaultValue={query.q ?? ""} />
      </div>
      <SelectField id="lf-status" name="status" label={t("fields.status")} defaultValue={query.status ?? ""}>
        <option value="">{t("filters.any")}</option>
        {Object.values(LeadStatus).map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="lf-source" name="source" label={t("fields.source")} defaultValue={query.source ?? ""}>
        <option value="">{t("filters.any")}</option>
        {options.sources.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <SelectField id="lf-owner" name="owner" label={t("fields.owner")} defaultValue={owner}>
        <option value="">{t("filters.any")}</option>
        <option value="me">{t("filters.mine")}</option>
        <option value="none">{t("filters.unassigned")}</option>
        {options.owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField id="lf-sort" name="sort" label={t("filters.sort")} defaultValue={query.sort}>
        {LEAD_SORT_KEYS.map((k) => (
          <option key={k} value={k}>
            {t(`sort.${k}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="lf-dir" name="dir" label={t("filters.direction")} defaultValue={query.dir}>
        <option value="asc">{t("filters.asc")}</option>
        <option value="desc">{t("filters.desc")}</option>
      </SelectField>
      <div className="flex items-end gap-2 sm:col-span-2">
        <Button type="submit">{t("filters.apply")}</Button>
        <Button variant="secondary" asChild>
          <Link href="/leads">{t("filters.clear")}</Link>
        </Button>
      </div>
    </form>
  );
}
