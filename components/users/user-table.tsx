import { getTranslations } from "next-intl/server";
import type { AdminTeam, AdminUserRow } from "@/lib/users/admin";
import { UserEditForm } from "./user-edit-form";
import { UserPasswordResetForm } from "./user-password-reset-form";

type Props = { users: AdminUserRow[]; teams: AdminTeam[]; selfId: number; editId: number | null };

/** Every user, one row each; the row's edit form opens below it (a details element, or ?edit=ID). */
export async function UserTable({ users, teams, selfId, editId }: Props) {
  const t = await getTranslations();
  if (users.length === 0) return <p className="text-sm text-slate-600">{t("users.admin.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t("users.admin.caption")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.name")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.email")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.role")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.team")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.active")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.skills")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.admin.columns.extension")}</th>
          </tr>
        </thead>
        {users.map((u) => (
          <tbody key={u.id} className="border-b border-slate-100" data-testid={`user-row-${u.id}`}>
            <tr className={u.active ? undefined : "text-slate-400"}>
              <th scope="row" className="py-2 pr-3 font-medium">
                {u.name}
                {u.id === selfId ? <span className="ml-1 text-xs text-slate-500">({t("users.admin.you")})</span> : null}
              </th>
              <td className="py-2 pr-3">{u.email}</td>
              <td className="py-2 pr-3">{t(`roles.${u.role}`)}</td>
              <td className="py-2 pr-3">{u.teamName ?? t("users.admin.noTeam")}</td>
              <td className="py-2 pr-3">
                {u.active ? t("users.admin.active") : t("users.admin.inactive")}
                {u.mustChangePassword ? <span className="ml-1 block text-xs text-amber-800">{t("users.password.pending")}</span> : null}
              </td>
              <td className="py-2 pr-3">
                {u.skills.length === 0 ? (
                  t("users.admin.none")
                ) : (
                  <ul className="flex flex-wrap gap-1">
                    {u.skills.map((s) => (
                      <li key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                        {s}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-2 pr-3 font-mono">{u.phoneExtension ?? t("users.admin.none")}</td>
            </tr>
            <tr>
              <td colSpan={7} className="pb-3">
                <details open={editId === u.id}>
                  <summary className="cursor-pointer text-sm text-blue-700 hover:underline">{t("users.admin.editTitle", { name: u.name })}</summary>
                  <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-4">
                    <UserEditForm user={u} teams={teams} isSelf={u.id === selfId} />
                  </div>
                  {/* One's own password is changed on the account page, with the current one. */}
                  {u.id === selfId ? null : (
                    <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-4">
                      <UserPasswordResetForm userId={u.id} userName={u.name} />
                    </div>
                  )}
                </details>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
