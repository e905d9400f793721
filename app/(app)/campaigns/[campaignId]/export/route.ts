import { exportCampaignMembers } from "@/lib/campaigns/export";
import { getCurrentUser } from "@/lib/platform/auth/session";
import { parseIdParam } from "@/lib/platform/id-param";

/** A direct-mail or SMS campaign's treated members as CSV (controls excluded), streamed and audited. */
export async function GET(_request: Request, { params }: { params: Promise<{ campaignId: string }> }): Promise<Response> {
  const id = parseIdParam((await params).campaignId);
  if (id === null) return new Response("not found", { status: 404 });
  return exportCampaignMembers(await getCurrentUser(), id);
}
