import { clientAddressOf } from "@/lib/platform/auth/client-address";
import { followClick } from "@/lib/campaigns/email-tokens";

/**
 * A tracked link of a campaign mail: records the click and redirects to the address the campaign's
 * template holds for the link (never to an address taken from the request: no open redirect). An
 * invalid, forged, expired or wrong-purpose token gets a plain page and no redirect.
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const ip = clientAddressOf(Object.fromEntries(request.headers.entries()));
  const outcome = await followClick(token, ip);
  if (outcome.kind === "redirect") {
    // The token in our URL must not reach the destination's logs through the Referer header.
    return new Response(null, { status: 302, headers: { Location: outcome.url, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
  }
  const limited = outcome.kind === "rateLimited";
  const text = limited
    ? ["Too many attempts. Please try again later.", "尝试次数过多，请稍后再试。"]
    : ["This link is not valid or has expired.", "此链接无效或已过期。"];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Summit CRM</title></head><body><main><p>${text[0]}</p><p lang="zh-CN">${text[1]}</p></main></body></html>`;
  return new Response(html, { status: limited ? 429 : 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
