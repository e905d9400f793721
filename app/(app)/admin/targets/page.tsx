import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TargetsEditor } from "@/components/pipeline-dashboard/targets-editor";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getTargetGrid } from "@/lib/dashboards/targets";
import { z } from "zod";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("salesTargets");
  return { title: t("title") };
}

const querySchema = z.object({
  team: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional().catch(undefined),
});

const CONTROL = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function SalesTargetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // Convenience only: the DAL refuses (and logs) a role without the right itself.
  if (!can(user, "target.edit")) notFound();
  const t = await getTranslations("salesTargets");
  const raw = await searchParams;
  const query = querySchema.parse({ team: raw.team || undefined, from: raw.from || undefined });
  const grid = await getTargetGrid(user, query);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
        <Link href="/dashboards/pipeline" className="text-sm text-brand-700 underline-offset-2 hover:underline">
          {t("back")}
        </Link>
      </div>
      <form method="get" action="/admin/targets" className="flex flex-wrap items-end gap-3">
        {grid.teams.length > 1 ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="tg-team" className="text-xs font-medium text-slate-600">
              {t("team")}
            </label>
            <select id="tg-team" name="team" defaultValue={grid.team?.id ?? ""} className={CONTROL}>
              {grid.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="tg-from" className="text-xs font-medium text-slate-600">
            {t("from")}
          </label>
          <input id="tg-from" name="from" type="month" defaultValue={grid.months[0]} className={CONTROL} />
        </div>
        <Button type="submit" variant="secondary">
          {t("show")}
        </Button>
      </form>
      <Card aria-labelledby="targets-title">
        <h2 id="targets-title" className="mb-3 text-base font-semibold">
          {grid.team ? grid.team.name : t("title")}
        </h2>
        {grid.team ? <TargetsEditor grid={grid} /> : <p className="text-sm text-slate-600">{t("noTeams")}</p>}
      </Card>
    </div>
  );
}
