import { nowMs } from "@/lib/platform/clock";
import { readBodyLimited } from "@/lib/platform/http-body";
import { verifySignedBody } from "@/lib/platform/webhook-signature";
import { ctiEventSchema, handleCtiEvent } from "@/lib/tickets/cti";

const MAX_BYTES = 16 * 1024;

/**
 * Telephony events (ringing, answered, ended) from the phone system. No session: the request is
 * signed with CTI_SECRET over `timestamp.body` (headers x-cti-timestamp, x-cti-signature: hex
 * HMAC-SHA256), so neither the event nor its time can be altered or replayed later. 401 for a bad
 * signature, 400 for a malformed event, 503 while no secret is configured.
 */
export async function POST(request: Request): Promise<Response> {
  const secret = process.env.CTI_SECRET;
  if (!secret) return Response.json({ error: "telephony is not configured (CTI_SECRET)" }, { status: 503 });
  const body = await readBodyLimited(request, MAX_BYTES);
  if (!body.ok) return Response.json({ error: body.status === 413 ? "too large" : "bad request" }, { status: body.status });
  const text = new TextDecoder().decode(body.bytes);
  if (!verifySignedBody(secret, request.headers.get("x-cti-timestamp"), text, request.headers.get("x-cti-signature"), nowMs())) {
    return Response.json({ error: "signature" }, { status: 401 });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return Response.json({ error: "not JSON" }, { status: 400 });
  }
  const event = ctiEventSchema.safeParse(json);
  if (!event.success) return Response.json({ error: "malformed event", issues: event.error.issues.map((i) => i.path.join(".")) }, { status: 400 });
  const outcome = await handleCtiEvent(event.data);
  return Response.json(outcome, { status: outcome.agentId === null ? 404 : 200 });
}
