import { getTranslations } from "next-intl/server";
import type { AdminTeamRow } from "@/lib/users/teams";
import { TeamEditForm } from "./team-edit-form";

/** Every team with its members and manager; each row's edit form opens below it. */
export async function TeamTable({ teams }: { teams: AdminTeamRow[] }) {
  const t = await getTranslations();
  if (teams.length === 0) return <p className="text-sm text-slate-600">{t("users.teams.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{t("users.teams.caption")}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.teams.columns.name")}</th>
            <th scope="col" className="py-2 pr-3 font-medium">{t("users.teams.columns.manager")}</th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">{t("users.teams.columns.members")}</th>
          </tr>
        </thead>
        {teams.map((team) => (
          <tbody key={team.id} className="border-b border-slate-100" data-testid={`team-row-${team.id}`}>
            <tr>
              <th scope="row" className="py-2 pr-3 font-medium">{team.name}</th>
              <td className="py-2 pr-3">{team.managerName ?? t("users.teams.noManager")}</td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {t("users.teams.memberCount", { active: team.activeMemberCount, total: team.memberCount })}
              </td>
            </tr>
            <tr>
              <td colSpan={3} className="pb-3">
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
      </table>
    </div>
  );
}
