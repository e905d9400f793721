import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { UserCreateForm } from "@/components/users/user-create-form";
import { UserTable } from "@/components/users/user-table";
import { Card } from "@/components/ui/card";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { parseVersion } from "@/lib/platform/concurrency";
import { listUsersForAdmin } from "@/lib/users/admin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users.admin");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersAdminPage({ searchParams }: Props) {
  const user = await requireUser();
  // Convenience only: the data layer refuses non-admins itself.
  if (!can(user, "admin.manage")) notFound();
  const t = await getTranslations("users.admin");
  const params = await searchParams;
  const editId = typeof params.edit === "string" ? parseVersion(params.edit) : null;
  const { users, teams } = await listUsersForAdmin(user);
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">{t("skillsNote")}</p>
      <Card aria-labelledby="users-list-title">
        <h2 id="users-list-title" className="mb-3 text-base font-semibold">
          {t("caption")}
        </h2>
        <UserTable users={users} teams={teams} selfId={user.id} editId={editId} />
      </Card>
      <Card aria-labelledby="users-create-title">
        <h2 id="users-create-title" className="text-base font-semibold">
          {t("create.title")}
        </h2>
        <div className="mt-3">
          <UserCreateForm teams={teams} />
        </div>
      </Card>
    </div>
  );
}
