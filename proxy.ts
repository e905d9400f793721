import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/platform/security-headers";

/**
 * Security headers that depend on the request: a Content-Security-Policy with a fresh nonce (put on
 * the request too, where Next reads it to nonce its own scripts while rendering) and HSTS over https.
 * Headers only: access is decided in the data layer, never here.
 */
export function proxy(request: NextRequest): NextResponse {
  const https = request.nextUrl.protocol === "https:";
  const policy = contentSecurityPolicy({ nonce: newNonce(), development: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      // Not the build's static files (immutable, no markup to protect) nor the favicon; nor the CSV
      // import uploads: a proxy makes Next buffer a request body and pass on only its first 10 MB,
      // while the import routes stream the body themselves under their own byte limit (order history:
      // 64 MB). They answer NDJSON, not documents; next.config.ts still sets their static headers.
      // Inbound mail webhooks likewise read their (attachment-sized) bodies under their own limit.
      source: "/((?!_next/static|_next/image|icon.svg|favicon.ico|[^/]+/import/preview|[^/]+/import/run|api/inbound/).*)",
      // Prefetches render RSC payloads, not documents: no scripts to nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
