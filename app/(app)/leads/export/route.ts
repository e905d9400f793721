import { getCurrentUser } from "@/lib/platform/auth/session";
import { exportLeads } from "@/lib/leads/export";

/** The filtered leads list (the page's URL parameters) as CSV, streamed. */
export async function GET(request: Request): Promise<Response> {
  return exportLeads(await getCurrentUser(), new URL(request.url).searchParams);
}
