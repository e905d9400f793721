import en from "@/lib/i18n/messages/en/campaign-email.json";
import zh from "@/lib/i18n/messages/zh-CN/campaign-email.json";
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
  // Both languages, from the app's messages: the person who clicked has no session, so nothing says which one they read.
  const key = limited ? "rateLimited" : "invalid";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Summit CRM</title></head><body><main><p>${en.campaignEmail.click[key]}</p><p lang="zh-CN">${zh.campaignEmail.click[key]}</p></main></body></html>`;
  return new Response(html, { status: limited ? 429 : 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
