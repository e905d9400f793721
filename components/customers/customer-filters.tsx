import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { FilterOptions } from "@/lib/customers/queries";
import { type CustomerListQuery, DNC_FILTERS, PAGE_SIZES, SORT_KEYS } from "@/lib/customers/rules/list-query";
import { RFM_GROUPS } from "@/lib/scoring/rules/rfm";
import { AbcSegment, CustomerKind, LifecycleStage, Tier } from "@/lib/platform/enums";

/**
 * The filter bar is a plain GET form: it works without JavaScript, every control is labelled and
 * reachable by keyboard, and submitting it puts the whole state in the URL (bookmarkable).
 */
export async function CustomerFilters({ query, options }: { query: CustomerListQuery; options: FilterOptions }) {
  const t = await getTranslations();
  const owner = query.owner ? (query.owner.kind === "user" ? String(query.owner.id) : query.owner.kind) : "";
  return (
    <form method="get" action="/customers" role="search" aria-label={t("customers.filters.label")} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      {/* Drill-down context from the value dashboard (team, RFM cell, period, tier migration) has no
          field of its own; it stays while the other filters are refined and is cleared from the notice. */}
      {(["team", "rf", "period", "fromPeriod", "fromTier"] as const).map((key) =>
        query[key] !== undefined ? <input key={key} type="hidden" name={key} value={String(query[key])} /> : null,
      )}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr]">
        <Field id="f-q" name="q" type="search" label={t("customers.filters.search")} defaultValue={query.q ?? ""} placeholder={t("customers.filters.searchHint")} />
        <SelectField id="f-sort" name="sort" label={t("customers.filters.sort")} defaultValue={query.sort}>
          {SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`customers.sort.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-dir" name="dir" label={t("customers.filters.direction")} defaultValue={query.dir}>
          <option value="asc">{t("customers.filters.asc")}</option>
          <option value="desc">{t("customers.filters.desc")}</option>
        </SelectField>
      </div>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <SelectField id="f-kind" name="kind" label={t("customers.fields.kind")} defaultValue={query.kind ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {Object.values(CustomerKind).map((k) => (
            <option key={k} value={k}>
              {t(`enums.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-region" name="region" label={t("customers.fields.region")} defaultValue={query.region ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {options.regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-industry" name="industry" label={t("customers.fields.industry")} defaultValue={query.industry ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {options.industries.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-owner" name="owner" label={t("customers.fields.owner")} defaultValue={owner}>
          <option value="">{t("customers.filters.any")}</option>
          <option value="me">{t("customers.filters.mine")}</option>
          <option value="none">{t("customers.filters.unassigned")}</option>
          {options.owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-tier" name="tier" label={t("customers.fields.tier")} defaultValue={query.tier ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {Object.values(Tier).map((k) => (
            <option key={k} value={k}>
              {t(`enums.tier.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-abc" name="abc" label={t("customers.fields.abc")} defaultValue={query.abc ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {Object.values(AbcSegment).map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-stage" name="stage" label={t("customers.fields.stage")} defaultValue={query.stage ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {Object.values(LifecycleStage).map((k) => (
            <option key={k} value={k}>
              {t(`enums.stage.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-rfm" name="rfm" label={t("customers.fields.rfmGroup")} defaultValue={query.rfm ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {RFM_GROUPS.map((k) => (
            <option key={k} value={k}>
              {t(`enums.rfm.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-segment" name="segment" label={t("customers.fields.segment")} defaultValue={query.segment ? String(query.segment) : ""}>
          <option value="">{t("customers.filters.any")}</option>
          {options.segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <Field id="f-nocontact" name="noContact" type="number" min={1} max={36500} inputMode="numeric" label={t("customers.filters.noContact")} defaultValue={query.noContactDays ?? ""} />
        <SelectField id="f-dnc" name="dnc" label={t("customers.filters.dnc")} defaultValue={query.dnc ?? ""}>
          <option value="">{t("customers.filters.any")}</option>
          {DNC_FILTERS.map((k) => (
            <option key={k} value={k}>
              {t(`customers.dncFilter.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id="f-size" name="size" label={t("customers.filters.pageSize")} defaultValue={String(query.pageSize)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex gap-2">
        <Button type="submit">{t("customers.filters.apply")}</Button>
        <Button variant="secondary" asChild>
          <Link href="/customers">{t("customers.filters.clear")}</Link>
        </Button>
      </div>
    </form>
  );
}
