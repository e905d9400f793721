import { getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/calendar/time-zone-sync";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";
import { AgentHome } from "@/components/home/agent-home";
import { RepHome } from "@/components/home/rep-home";
import { Card } from "@/components/ui/card";
import { ACTIONS, scopeFor } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getRepHome } from "@/lib/home/queries";

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations();
  // Derived from the permission matrix itself, so what the page promises is what the DAL allows.
  const rights = ACTIONS.map((action) => ({ action, scope: scopeFor(user, action) })).filter((r) => r.scope !== "none");
  // Sellers get their day first; managers see their own items here (the team's are on the dashboards).
  const seller = user.role === "REP" || user.role === "MANAGER";
  // Agents get their service queue first.
  const agent = user.role === "AGENT";
  const timeZone = seller || agent ? await viewerTimeZone() : "UTC";
  const home = seller ? await getRepHome(user, timeZone) : null;
  const wide = home !== null || agent;
  const rightsTable = (
    <table className="w-full text-sm">
      <tbody>
        {rights.map(({ action, scope }) => (
          <tr key={action} className="border-t border-slate-100">
            <td className="py-1.5 pr-4">{t(`permissions.actions.${action}`)}</td>
            <td className="py-1.5 text-slate-600">{t(`permissions.scopes.${scope}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className={`mx-auto flex flex-col gap-6 ${wide ? "max-w-6xl" : "max-w-4xl"}`}>
      {wide ? <TimeZoneSync current={timeZone} /> : null}
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{t("home.welcome", { name: user.name })}</h1>
        <p className="mt-1 text-slate-600">{t(`home.intro.${user.role}`)}</p>
        <p className="mt-2 flex flex-wrap gap-x-4 text-sm text-slate-600">
          <span data-testid="home-role">{t("home.role", { role: t(`roles.${user.role}`) })}</span>
          <span>{user.teamName ? t("home.team", { team: user.teamName }) : t("home.noTeam")}</span>
        </p>
      </div>
      {home ? <RepHome home={home} timeZone={timeZone} /> : null}
      {agent ? <AgentHome user={user} timeZone={timeZone} /> : null}
      {wide ? (
        <details className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <summary className="cursor-pointer text-lg font-semibold">{t("home.canDo")}</summary>
          <p className="mt-2 mb-3 text-sm text-slate-600">{t("home.canDoHint")}</p>
          {rightsTable}
        </details>
      ) : (
        <Card aria-labelledby="can-do">
          <h2 id="can-do" className="text-lg font-semibold">
            {t("home.canDo")}
          </h2>
          <p className="mb-3 text-sm text-slate-600">{t("home.canDoHint")}</p>
          {rightsTable}
        </Card>
      )}
    </div>
  );
}
