import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TicketPriority, TicketStatus, Tier } from "@/lib/platform/enums";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";
import { SLA_FILTERS, TICKET_SORTS, type TicketListQuery } from "@/lib/tickets/rules/list-query";

type Props = {
  query: TicketListQuery;
  /** Agents a manager or an administrator may filter by (none for the others). */
  people: { id: number; name: string }[];
};

/** A plain GET form: works without JavaScript and puts the whole list state in the URL. */
export async function TicketFilters({ query, people }: Props) {
  const t = await getTranslations("service");
  const assignee = query.assignee === undefined ? "" : String(query.assignee);
  const unknownPerson = typeof query.assignee === "number" && !people.some((p) => p.id === query.assignee) ? query.assignee : null;
  return (
    <form method="get" action="/tickets" role="search" aria-label={t("filters.label")} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-7">
      {query.customerId ? <input type="hidden" name="customer" value={query.customerId} /> : null}
      <SelectField id="tf-status" name="status" label={t("fields.status")} defaultValue={query.status ?? "all"}>
        <option value="open">{t("filters.open")}</option>
        <option value="all">{t("filters.anyStatus")}</option>
        {Object.values(TicketStatus).map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="tf-priority" name="priority" label={t("fields.priority")} defaultValue={query.priority ?? ""}>
        <option value="">{t("filters.any")}</option>
        {Object.values(TicketPriority).map((p) => (
          <option key={p} value={p}>
            {t(`priorities.${p}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="tf-category" name="category" label={t("fields.category")} defaultValue={query.category ?? ""}>
        <option value="">{t("filters.any")}</option>
        {TICKET_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(`categories.${c}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="tf-tier" name="tier" label={t("fields.tier")} defaultValue={query.tier ?? ""}>
        <option value="">{t("filters.any")}</option>
        {Object.values(Tier).map((tier) => (
          <option key={tier} value={tier}>
            {t(`tiers.${tier}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="tf-assignee" name="assignee" label={t("fields.assignee")} defaultValue={assignee}>
        <option value="">{t("filters.any")}</option>
        <option value="me">{t("filters.me")}</option>
        <option value="unassigned">{t("filters.unassigned")}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
        {unknownPerson !== null ? <option value={unknownPerson}>{t("filters.person", { id: unknownPerson })}</option> : null}
      </SelectField>
      <SelectField id="tf-sla" name="sla" label={t("fields.sla")} defaultValue={query.sla ?? ""}>
        <option value="">{t("filters.any")}</option>
        {SLA_FILTERS.map((s) => (
          <option key={s} value={s}>
            {t(`slaFilters.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id="tf-sort" name="sort" label={t("filters.sort")} defaultValue={query.sort}>
        {TICKET_SORTS.map((s) => (
          <option key={s} value={s}>
            {t(`sort.${s}`)}
          </option>
        ))}
      </SelectField>
      <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-7">
        <Button type="submit">{t("filters.apply")}</Button>
        <Button variant="secondary" asChild>
          <Link href="/tickets">{t("filters.clear")}</Link>
        </Button>
      </div>
    </form>
  );
}
