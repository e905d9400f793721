import { nowMs } from "@/lib/platform/clock";
import { formOf, readBodyLimited } from "@/lib/platform/http-body";
import { verifyWebhook } from "@/lib/platform/webhook-signature";
import { receiveInboundMail } from "@/lib/tickets/inbound";

/** A mail with attachments, as providers forward it. */
const MAX_BYTES = 25 * 1024 * 1024;

/**
 * The inbound-mail webhook, in the shape mail providers use: a multipart POST with `timestamp`,
 * `token`, `signature` (HMAC-SHA256 of timestamp + token with INBOUND_MAIL_SECRET) and the raw MIME
 * message as `body-mime` (a field or a file). No session: the signature is the credential. Answers
 * 2xx once the mail is filed (or known already), so the provider stops retrying; 401 for a bad or
 * stale signature, 413 over the size limit, 503 while no secret is configured.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = process.env.INBOUND_MAIL_SECRET;
  if (!secret) return Response.json({ error: "inbound mail is not configured (INBOUND_MAIL_SECRET)" }, { status: 503 });
  const body = await readBodyLimited(request, MAX_BYTES);
  if (!body.ok) return Response.json({ error: body.status === 413 ? "too large" : "bad request" }, { status: body.status });
  const form = await formOf(body.bytes, request.headers.get("content-type"));
  if (!form) return Response.json({ error: "expected multipart/form-data" }, { status: 400 });
  const genuine = verifyWebhook(secret, { timestamp: form.get("timestamp"), token: form.get("token"), signature: form.get("signature") }, nowMs());
  if (!genuine) return Response.json({ error: "signature" }, { status: 401 });
  const mime = form.get("body-mime");
  const raw = typeof mime === "string" ? new TextEncoder().encode(mime) : mime instanceof Blob ? new Uint8Array(await mime.arrayBuffer()) : null;
  if (!raw || raw.length === 0) return Response.json({ error: "body-mime missing" }, { status: 400 });
  try {
    return Response.json(await receiveInboundMail(raw), { status: 200 });
  } catch (error) {
    console.error("[inbound-mail] could not file a mail:", error);
    // 5xx: the provider retries later, and the Message-ID makes the retry safe.
    return Response.json({ error: "could not file the mail" }, { status: 500 });
  }
}
