import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpportunityBoard } from "@/components/opportunities/opportunity-board";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { BOARD_COLUMN_CAP, BOARD_COLUMN_LIMIT, type BoardQuery, getBoard } from "@/lib/opportunities/board";
import { getStaleDaysDefault } from "@/lib/opportunities/queries";
import { getOpportunityFormOptions } from "@/lib/opportunities/mutations";
import { parseStaleDays } from "@/lib/opportunities/rules/stale";
import { OPEN_STAGES, type OpenStage } from "@/lib/opportunities/rules/stages";
import { parseIdParam, parsePageParam } from "@/lib/platform/id-param";

export async function generateMetadata() {
  const t = await getTranslations("opportunities");
  return { title: t("board.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function BoardPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "opportunity.read")) notFound();
  const params = await searchParams;
  const t = await getTranslations();
  const staleDefault = await getStaleDaysDefault();
  const ownerId = parseIdParam(params.ownerId);
  const limits: Partial<Record<OpenStage, number>> = {};
  for (const stage of OPEN_STAGES) {
    const n = parsePageParam(params[`l_${stage}`], 0);
    if (n > 0) limits[stage] = Math.min(n, BOARD_COLUMN_CAP);
  }
  const query: BoardQuery = { ownerId: ownerId ?? undefined, staleDays: parseStaleDays(one(params.staleDays), staleDefault), limits };
  const [columns, options] = await Promise.all([getBoard(user, query), getOpportunityFormOptions(user)]);
  const base = new URLSearchParams();
  if (query.ownerId) base.set("ownerId", String(query.ownerId));
  if (query.staleDays !== staleDefault) base.set("staleDays", String(query.staleDays));
  for (const [stage, n] of Object.entries(limits)) base.set(`l_${stage}`, String(n));
  const moreHref = Object.fromEntries(
    columns.map((c) => {
      const p = new URLSearchParams(base);
      p.set(`l_${c.stage}`, String(Math.min(BOARD_COLUMN_CAP, c.limit + BOARD_COLUMN_LIMIT)));
      return [c.stage, `/opportunities/board?${p.toString()}`];
    }),
  );
  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t("opportunities.board.title")}</h1>
        <div className="flex gap-2">
          <Button variant="secondary" asChild>
            <Link href="/opportunities">{t("opportunities.list.title")}</Link>
          </Button>
          {can(user, "opportunity.edit") ? (
            <Button asChild>
              <Link href="/opportunities/new">{t("opportunities.list.new")}</Link>
            </Button>
          ) : null}
        </div>
      </div>
      <form method="get" action="/opportunities/board" aria-label={t("opportunities.filters.label")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        {options.owners.length > 1 ? (
          <SelectField id="b-owner" name="ownerId" label={t("opportunities.fields.owner")} defaultValue={query.ownerId ? String(query.ownerId) : ""}>
            <option value="">{t("opportunities.filters.any")}</option>
            {options.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <Field id="b-days" name="staleDays" type="number" min={1} max={365} label={t("opportunities.filters.staleDays")} defaultValue={String(query.staleDays)} />
        <Button type="submit">{t("opportunities.filters.apply")}</Button>
      </form>
      <p className="text-sm text-slate-600">{t("opportunities.board.hint", { days: query.staleDays })}</p>
      <OpportunityBoard columns={columns} moreHref={moreHref} />
    </div>
  );
}
