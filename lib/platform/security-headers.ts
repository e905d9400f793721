/**
 * The browser-side defences every response carries. Pure: proxy.ts (per request: the CSP with its
 * nonce, HSTS) and next.config.ts (the static ones, on every path including assets) apply them.
 */

export type PolicyOptions = {
  /** Fresh per request: Next puts it on its own <script> tags when it finds it in the request's CSP. */
  nonce: string;
  /** `next dev` evaluates code for its error overlay and talks to its HMR socket. */
  development: boolean;
  /** Served over https: upgrade stray http subresources (on plain http that would break every asset). */
  https: boolean;
};

/**
 * Scripts run only with this response's nonce; what a nonced script loads is trusted through
 * 'strict-dynamic' (Next's chunks). Styles allow 'unsafe-inline': React writes style attributes
 * (calendar grid, charts) and Radix injects a <style> element while a menu or dialog holds the scroll,
 * neither can carry a nonce, and a nonce in style-src would switch 'unsafe-inline' off. Inline
 * styles cannot run script; the script policy is what stops injected markup from acting.
 */
export function contentSecurityPolicy({ nonce, development, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** 128 random bits, base64: what the CSP nonce-source grammar accepts. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Two years, subdomains included; sent only over https (browsers ignore it on http anyway). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** Headers that do not depend on the request: every path, assets and API included. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // frame-ancestors in the CSP is the rule; this is for browsers that predate it.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
