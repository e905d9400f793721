import { getTranslations } from "next-intl/server";
import type { AdminTeam, AdminUserRow } from "@/lib/users/admin";
import { UserEditForm } from "./user-edit-form";
import { UserPasswordResetForm } from "./user-password-reset-form";
import { RecordTable } from "@/components/ui/record-table";

type Props = { users: AdminUserRow[]; teams: AdminTeam[]; selfId: number; editId: number | null };

/** Every user, one row each; the row's edit form opens below it (a details element, or ?edit=ID). */
export async function UserTable({ users, teams, selfId, editId }: Props) {
  const t = await getTranslations();
  if (users.length === 0) return <p className="text-sm text-slate-600">{t("users.admin.empty")}</p>;
  return (
    <RecordTable
      caption={t("users.admin.caption")}
      columns={[
        { key: "name", header: t("users.admin.columns.name") },
        { key: "email", header: t("users.admin.columns.email") },
        { key: "role", header: t("users.admin.columns.role") },
        { key: "team", header: t("users.admin.columns.team") },
        { key: "active", header: t("users.admin.columns.active") },
        { key: "skills", header: t("users.admin.columns.skills") },
        { key: "extension", header: t("users.admin.columns.extension") },
      ]}
    >
    {users.map((u) => (
      <tbody key={u.id} className="border-b border-slate-100" data-testid={`user-row-${u.id}`}>
        <tr className={u.active ? undefined : "text-slate-400"}>
          <th scope="row" className="px-3 py-2 font-medium">
            {u.name}
            {u.id === selfId ? <span className="ml-1 text-xs text-slate-500">({t("users.admin.you")})</span> : null}
          </th>
          <td className="px-3 py-2">{u.email}</td>
          <td className="px-3 py-2">{t(`roles.${u.role}`)}</td>
          <td className="px-3 py-2">{u.teamName ?? t("users.admin.noTeam")}</td>
          <td className="px-3 py-2">
            {u.active ? t("users.admin.active") : t("users.admin.inactive")}
            {u.mustChangePassword ? <span className="ml-1 block text-xs text-amber-800">{t("users.password.pending")}</span> : null}
          </td>
          <td className="px-3 py-2">
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
          <td className="px-3 py-2 font-mono">{u.phoneExtension ?? t("users.admin.none")}</td>
        </tr>
        <tr>
          <td colSpan={7} className="px-3 pb-3">
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
    </RecordTable>
  );
}
