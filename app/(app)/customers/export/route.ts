import { getCurrentUser } from "@/lib/platform/auth/session";
import { exportCustomers } from "@/lib/customers/export";

/** The filtered list (the page's URL parameters) or a selection (?ids=1,2,3) as CSV, streamed. */
export async function GET(request: Request): Promise<Response> {
  return exportCustomers(await getCurrentUser(), new URL(request.url).searchParams);
}
