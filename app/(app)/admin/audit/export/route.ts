import { exportAuditLog } from "@/lib/audit/export";
import { getCurrentUser } from "@/lib/platform/auth/session";
import { viewerTimeZone } from "@/lib/platform/viewer-time-zone";

/** The audit log with the viewer's filters (the page's URL parameters) as CSV, streamed. */
export async function GET(request: Request): Promise<Response> {
  const [user, timeZone] = await Promise.all([getCurrentUser(), viewerTimeZone()]);
  return exportAuditLog(user, new URL(request.url).searchParams, timeZone);
}
