import { getTranslations } from "next-intl/server";
import type { AdminTeamRow } from "@/lib/users/teams";
import { TeamEditForm } from "./team-edit-form";
import { RecordTable } from "@/components/ui/record-table";

/** Every team with its members and manager; each row's edit form opens below it. */
export async function TeamTable({ teams }: { teams: AdminTeamRow[] }) {
  const t = await getTranslations();
  if (teams.length === 0) return <p className="text-sm text-slate-600">{t("users.teams.empty")}</p>;
  return (
    <RecordTable
      caption={t("users.teams.caption")}
      columns={[
        { key: "name", header: t("users.teams.columns.name") },
        { key: "manager", header: t("users.teams.columns.manager") },
        { key: "members", header: t("users.teams.columns.members"), numeric: true },
      ]}
    >
    {teams.map((team) => (
      <tbody key={team.id} className="border-b border-slate-100" data-testid={`team-row-${team.id}`}>
        <tr>
          <th scope="row" className="px-3 py-2 font-medium">{team.name}</th>
          <td className="px-3 py-2">{team.managerName ?? t("users.teams.noManager")}</td>
          <td className="px-3 py-2 text-right tabular-nums">
            {t("users.teams.memberCount", { active: team.activeMemberCount, total: team.memberCount })}
          </td>
        </tr>
        <tr>
          <td colSpan={3} className="px-3 pb-3">
            <details>
              <summary className="cursor-pointer text-sm text-blue-700 hover:underline">{t("users.teams.editTitle", { name: team.name })}</summary>
              <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-4">
                <TeamEditForm team={team} />
              </div>
            </details>
          </td>
        </tr>
      </tbody>
    ))}
    </RecordTable>
  );
}
