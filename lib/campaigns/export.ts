import "server-only";
import { type Actor, can } from "@/lib/platform/auth/permissions";
import { writeAudit } from "@/lib/platform/audit";
import { db } from "@/lib/platform/db/prisma";
import { csvExportResponse, type ExportColumn } from "@/lib/platform/export/csv-exporter";
import { campaignRef, findCampaign } from "@/lib/campaigns/queries";
import { exportsMemberList, isLaunched } from "@/lib/campaigns/rules/status";

export type ExportedMember = {
  customerId: number;
  name: string;
  company: string | null;
  email: string | null;
  phone: string | null;
  region: string;
  status: string;
};

const COLUMNS: ExportColumn<ExportedMember>[] = (["customerId", "name", "company", "email", "phone", "region", "status"] as const).map((key) => ({ header: key, value: (row) => row[key] }));

/**
 * Treated members along the customer id, a thousand at a time. The control group is never contacted,
 * so never exported; nor is anyone who opted out since the launch — of this campaign (member OPTED_OUT)
 * or of the campaign's channel (the customer's flag, checked at export time as a call list checks at
 * dial time: the printer or the SMS gateway is the moment of contact).
 */
async function* treatedMembers(campaignId: number, type: "DIRECT_MAIL" | "SMS", batchSize = 1000): AsyncGenerator<ExportedMember[]> {
  const prisma = await db();
  let after = 0;
  const channelOptOut = type === "SMS" ? { dncSms: false } : { dncMail: false };
  for (;;) {
    const rows = await prisma.campaignMember.findMany({
      where: { campaignId, isControl: false, status: { not: "OPTED_OUT" }, customerId: { gt: after }, customer: { deletedAt: null, ...channelOptOut } },
      orderBy: { customerId: "asc" },
      take: batchSize,
      select: { customerId: true, status: true, customer: { select: { name: true, company: true, email: true, phone: true, region: true } } },
    });
    if (rows.length === 0) return;
    yield rows.map((r) => ({ customerId: r.customerId, status: r.status, ...r.customer }));
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].customerId;
  }
}

/**
 * A direct-mail or SMS campaign's member list as CSV for the printer or the SMS gateway: the treated
 * members of a launched campaign, streamed, audited as an export. Those who run the campaign
 * (campaign.edit) may export it; anyone else is refused and the refusal logged.
 */
export async function exportCampaignMembers(actor: Actor | null, campaignId: number): Promise<Response> {
  if (!actor) return new Response("not allowed", { status: 401 });
  const prisma = await db();
  const row = await findCampaign(prisma, campaignId);
  if (!row || !can(actor, "campaign.edit", campaignRef(row))) {
    await writeAudit(prisma, { userId: actor.id, action: "DENIED", entity: "Campaign", entityId: campaignId, detail: { action: "campaign.exportMembers" } });
    return new Response("not allowed", { status: 403 });
  }
  if (!exportsMemberList(row.type) || !isLaunched(row.status)) return new Response("no member list to export", { status: 409 });
  return csvExportResponse({
    actor,
    entity: "CampaignMember",
    fileStem: `campaign-${campaignId}-members`,
    filters: { campaignId, controlExcluded: true, optOutsExcluded: true },
    columns: COLUMNS,
    batches: treatedMembers(campaignId, row.type),
  });
}
