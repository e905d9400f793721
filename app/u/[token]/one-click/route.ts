import { clientAddressOf } from "@/lib/platform/auth/client-address";
import { unsubscribeByLink } from "@/lib/campaigns/email-tokens";

/**
 * The List-Unsubscribe address of campaign mail (RFC 8058 one-click): the mail client POSTs
 * `List-Unsubscribe=One-Click` here without a session or cookies; the token is the credential, used up
 * by the first POST. A GET (someone opening the header's address) goes to the confirmation page:
 * a GET never unsubscribes, so link scanners cannot opt anyone out.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const ip = clientAddressOf(Object.fromEntries(request.headers.entries()));
  const outcome = await unsubscribeByLink(token, ip);
  const status = outcome === "unsubscribed" || outcome === "used" ? 200 : outcome === "rateLimited" ? 429 : 404;
  return new Response(outcome === "invalid" ? "invalid link" : outcome, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  return Response.redirect(new URL(`/u/${encodeURIComponent(token)}`, request.url), 303);
}
