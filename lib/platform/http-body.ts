import { chunksOf } from "@/lib/platform/import/csv-reader";

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; status: 400 | 413 };

/**
 * A request body read with the byte limit enforced while reading (never `request.formData()` on an
 * unbounded body): a declared length over the limit is refused unread, a stream that passes the limit
 * is cut off at once, and a body shorter than its declared length is refused as truncated.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get("content-length");
  const length = declared !== null && /^\d{1,15}$/.test(declared) ? Number(declared) : null;
  if (length !== null && length > maxBytes) return { ok: false, status: 413 };
  if (!request.body || length === 0) return { ok: false, status: 400 };
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunksOf(request.body)) {
    total += chunk.length;
    if (total > maxBytes) return { ok: false, status: 413 };
    parts.push(chunk);
  }
  if (length !== null && total !== length) return { ok: false, status: 400 };
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { ok: true, bytes };
}

/** Multipart or urlencoded form fields of a body already read within its limit. */
export async function formOf(bytes: Uint8Array, contentType: string | null): Promise<FormData | null> {
  if (!contentType) return null;
  try {
    return await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
}
