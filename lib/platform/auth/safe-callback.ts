// Backslashes and control characters are what browsers forgive: the URL parser strips tabs and
// newlines and reads "\" as "/", so "/\evil.example" or "/<TAB>/evil.example" leave the origin.
const FORGIVEN = /[\\\u0000-\u001f\u007f]/;
const MAX_DECODES = 3;

/** The path as a server or router that decodes it again would read it; null when it does not decode. */
function fullyDecoded(path: string): string | null {
  let current = path;
  for (let i = 0; i < MAX_DECODES; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * The post-sign-in destination: only a path of this app. `value` must be a relative path ("/…",
 * never "//…", a scheme or an absolute URL) that resolves against `origin` to `origin` itself, with
 * no backslash or control character, raw or percent-encoded (a layer that decodes the path once more
 * must not find one either). Anything else goes home.
 */
export function safeCallback(value: string | null, origin: string): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || FORGIVEN.test(value)) return "/";
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = fullyDecoded(url.pathname);
  if (path === null || FORGIVEN.test(path) || path.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
