import { getCurrentUser } from "@/lib/platform/auth/session";
import { subscribeEvents, userTopic } from "@/lib/platform/events";

export const dynamic = "force-dynamic";

/** A comment line now and then keeps proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The signed-in user's live console events as server-sent events (text/event-stream): a ringing call
 * pops its customer within a second, with no polling. The browser's EventSource reconnects by itself
 * when the stream drops (a deploy, a network change), and `retry` tells it how soon.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return new Response("sign in first", { status: 401 });
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup?.();
        }
      };
      const unsubscribe = await subscribeEvents(userTopic(user.id), (data) => send(`event: cti\ndata: ${JSON.stringify(data)}\n\n`));
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      request.signal.addEventListener("abort", () => cleanup?.());
      send("retry: 2000\n: connected\n\n");
    },
    cancel() {
      cleanup?.();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" } });
}
