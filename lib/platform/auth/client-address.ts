import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

/**
 * The client's address for per-address sign-in limits and the audit log.
 *
 * X-Forwarded-For is written by whoever sent the request, so its entries are only as trustworthy as
 * the proxies that appended them: the counted address is the socket's peer unless TRUSTED_PROXY_HOPS
 * says how many proxies of our own stand in front of the app; then it is the entry the outermost of
 * them appended (the Nth from the right, counting the socket's peer as the last hop).
 *
 * Next.js hands route handlers a web Request without the socket, and next-auth's `authorize` sees
 * only headers; Next also fills X-Forwarded-For from the socket only when the client sent none, so a
 * client-set value reaches the handler unchanged. Hence the capture below: every HTTP request is run
 * inside an AsyncLocalStorage holding its socket address and X-Forwarded-For as received, before Next
 * touches the headers (installed at boot by instrumentation.ts).
 */
export type ClientConnection = { socketAddress: string | null; forwardedFor: string | null };

export const UNKNOWN_ADDRESS = "unknown";

const MAX_HOPS = 10;
let warnedHops: string | undefined;

/** TRUSTED_PROXY_HOPS as a number of hops; anything but a small whole number counts as 0 (trust no header). */
export function trustedProxyHops(value: string | undefined = process.env.TRUSTED_PROXY_HOPS): number {
  if (value === undefined || value.trim() === "") return 0;
  const hops = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (Number.isInteger(hops) && hops <= MAX_HOPS) return hops;
  if (warnedHops !== value) {
    warnedHops = value;
    console.warn(`[summit] TRUSTED_PROXY_HOPS=${JSON.stringify(value)} is not a whole number 0–${MAX_HOPS}: trusting no X-Forwarded-For entry`);
  }
  return 0;
}

/** An address as one comparable string: no port, no IPv4-mapped IPv6 prefix; null when it is not an IP. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * The counted address: with 0 trusted hops the socket's peer, with N the Nth X-Forwarded-For entry
 * from the right (the peer being the last hop). A chain shorter than that yields its leftmost entry;
 * the proxies must therefore be the only way to reach the app.
 */
export function resolveClientAddress(connection: ClientConnection, hops: number): string {
  const forwarded = (connection.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const chain = [...forwarded, connection.socketAddress ?? UNKNOWN_ADDRESS];
  const picked = chain[Math.max(0, chain.length - 1 - hops)];
  return normaliseAddress(picked) ?? UNKNOWN_ADDRESS;
}

const STORAGE = Symbol.for("summit.clientConnection.storage");
const PATCHED = Symbol.for("summit.clientConnection.patched");

// On globalThis: the instrumentation bundle and the route bundles are separate module instances.
function storage(): AsyncLocalStorage<ClientConnection> {
  const holder = globalThis as { [STORAGE]?: AsyncLocalStorage<ClientConnection> };
  holder[STORAGE] ??= new AsyncLocalStorage<ClientConnection>();
  return holder[STORAGE];
}

export function withClientConnection<T>(connection: ClientConnection, fn: () => T): T {
  return storage().run(connection, fn);
}

/** The connection of the request being handled, when the capture saw it arrive. */
export function currentClientConnection(): ClientConnection | undefined {
  return storage().getStore();
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(",") : value;
}

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/** Runs every incoming HTTP(S) request of this process inside its ClientConnection. Idempotent. */
export function captureClientConnections(): void {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Record<symbol | string, unknown>[]) {
    if (proto[PATCHED]) continue;
    const emit = proto.emit as Emit;
    const patched: Emit = function (this: unknown, event, ...args) {
      if (event !== "request") return emit.call(this, event, ...args);
      const request = args[0] as http.IncomingMessage;
      const connection: ClientConnection = {
        socketAddress: request.socket?.remoteAddress ?? null,
        forwardedFor: headerValue(request.headers["x-forwarded-for"]),
      };
      return withClientConnection(connection, () => emit.call(this, event, ...args));
    };
    proto.emit = patched;
    proto[PATCHED] = true;
  }
}

/** The address to count for this request: the captured connection, else the headers alone (no socket known). */
export function clientAddressOf(headers: Record<string, string | string[] | undefined> | undefined): string {
  const connection = currentClientConnection() ?? { socketAddress: null, forwardedFor: headerValue(headers?.["x-forwarded-for"]) };
  return resolveClientAddress(connection, trustedProxyHops());
}
