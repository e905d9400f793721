import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TeamCreateForm } from "@/components/users/team-create-form";
import { TeamTable } from "@/components/users/team-table";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listTeamsForAdmin } from "@/lib/users/teams";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.teams");
  return { title: t("title") };
}

export default async function TeamsAdminPage() {
  const user = await requireUser();
  // Convenience only: the data layer refuses non-admins itself.
  if (!can(user, "admin.manage")) notFound();
  const t = await getTranslations("users.teams");
  const teams = await listTeamsForAdmin(user);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">{t("managerRule")}</p>
      <Card aria-labelledby="teams-list-title">
        <h2 id="teams-list-title" className="mb-3 text-base font-semibold">
          {t("caption")}
        </h2>
        <TeamTable teams={teams} />
      </Card>
      <Card aria-labelledby="teams-create-title">
        <h2 id="teams-create-title" className="text-base font-semibold">
          {t("create.title")}
        </h2>
        <div className="mt-3">
          <TeamCreateForm />
        </div>
      </Card>
    </div>
  );
}
