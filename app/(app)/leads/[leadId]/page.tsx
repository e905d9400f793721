import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LeadAssignForm } from "@/components/leads/lead-assign-form";
import { LeadForm } from "@/components/leads/lead-form";
import { LeadStatusBadge } from "@/components/leads/lead-status-badge";
import { LeadStatusForm } from "@/components/leads/lead-status-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/platform/auth/session";
import { NotAllowedError } from "@/lib/platform/errors";
import { getLead, getLeadFilterOptions, type LeadDto, listLeadAssignees } from "@/lib/leads/mutations";
import { formatDate, formatDateTime } from "@/lib/platform/format";
import { canConvert } from "@/lib/leads/rules/status";
import { requireIdParam } from "@/lib/platform/ids";
import { can } from "@/lib/platform/auth/permissions";
import { HistoryLink } from "@/components/audit/history-link";

type Props = { params: Promise<{ leadId: string }> };

/** A lead the user may not read looks exactly like a missing one. */
async function load(user: Awaited<ReturnType<typeof requireUser>>, raw: string): Promise<LeadDto> {
  const id = requireIdParam(raw);
  try {
    return await getLead(user, id);
  } catch (error) {
    if (error instanceof NotAllowedError) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("leads");
  return { title: `${t("detail.title")} #${(await params).leadId}` };
}

export default async function LeadPage({ params }: Props) {
  const user = await requireUser();
  const lead = await load(user, (await params).leadId);
  const t = await getTranslations("leads");
  const [assignees, options] = await Promise.all([lead.can.edit ? listLeadAssignees(user) : Promise.resolve([]), getLeadFilterOptions(user)]);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("detail.breadcrumb")} className="text-sm">
        <Link href="/leads" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="text-2xl font-semibold">{lead.name}</h1>
          <LeadStatusBadge status={lead.status} />
        </div>
        <div className="flex flex-wrap gap-2">
          {lead.can.edit && canConvert(lead.status) ? (
            <Button asChild>
              <Link href={`/leads/${lead.id}/convert`}>{t("convert.open")}</Link>
            </Button>
          ) : null}
          {can(user, "audit.read") ? <HistoryLink entity="Lead" id={lead.id} /> : null}
        </div>
      </div>
      <dl className="grid gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">{t("fields.owner")}</dt>
          <dd>{lead.owner?.name ?? t("filters.unassigned")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.team")}</dt>
          <dd>{lead.team?.name ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.createdBy")}</dt>
          <dd>
            {lead.createdBy?.name ?? "—"} · {formatDate(lead.createdAt)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("fields.updatedAt")}</dt>
          <dd>{formatDateTime(lead.updatedAt)}</dd>
        </div>
        {lead.status === "DISQUALIFIED" ? (
          <div className="sm:col-span-4">
            <dt className="text-slate-500">{t("fields.disqualifyReason")}</dt>
            <dd>{lead.disqualifyReason}</dd>
          </div>
        ) : null}
        {lead.status === "CONVERTED" ? (
          <div className="sm:col-span-4">
            <dt className="text-slate-500">{t("detail.converted")}</dt>
            <dd className="flex gap-4">
              <span>{formatDate(lead.convertedAt)}</span>
              {lead.customer ? (
                <Link href={`/customers/${lead.customer.id}`} className="text-brand-700 underline">
                  {lead.customer.name}
                </Link>
              ) : null}
              {lead.opportunityId ? (
                <Link href={`/opportunities/${lead.opportunityId}`} className="text-brand-700 underline">
                  {t("detail.opportunity")}
                </Link>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <Card aria-labelledby="lead-profile">
          <h2 id="lead-profile" className="mb-3 text-lg font-semibold">
            {t("detail.profile")}
          </h2>
          <LeadForm lead={lead} sources={options.sources} readOnly={!lead.can.edit} />
        </Card>
        {lead.can.edit ? (
          <div className="flex flex-col gap-4">
            <Card aria-labelledby="lead-status">
              <h2 id="lead-status" className="mb-3 text-lg font-semibold">
                {t("status.title")}
              </h2>
              <LeadStatusForm id={lead.id} version={lead.version} snapshot={lead.snapshot} next={lead.nextStatuses} />
            </Card>
            <Card aria-labelledby="lead-assign">
              <h2 id="lead-assign" className="mb-3 text-lg font-semibold">
                {t("assign.title")}
              </h2>
              <LeadAssignForm id={lead.id} version={lead.version} snapshot={lead.snapshot} assignees={assignees.filter((a) => a.id !== lead.owner?.id)} roundRobin={user.role !== "REP"} />
            </Card>
          </div>
        ) : null}
      </div>
    </div>
  );
}
