import { EventEmitter } from "node:events";
import { type Database, getDatabase } from "@/lib/platform/db/client";

/**
 * Live events for open browser pages (a ringing call popping a customer on the agent's console):
 * published with PostgreSQL NOTIFY on one channel and received by every app server's single LISTEN,
 * which hands each event to the subscribers of its topic in that process (server-sent events
 * streams). So an event raised on one server reaches a browser connected to another, without
 * polling; on the embedded database the same mechanism runs in-process.
 *
 * NOTIFY payloads are limited to 8,000 bytes: events carry ids and short texts, never records.
 */
const CHANNEL = "summit_events";

const local = new EventEmitter();
local.setMaxListeners(0);


// One LISTEN per process and database (a test that opens another database listens on that one).
const globalForEvents = globalThis as unknown as { summitEventsListening?: { db: Database; ready: Promise<void> } };

async function ensureListening(): Promise<void> {
  const db = await getDatabase();
  const current = globalForEvents.summitEventsListening;
  if (current?.db === db) return current.ready;
  const ready = db
    .listen(CHANNEL, (payload) => {
      try {
        const { topic, data } = JSON.parse(payload) as { topic: string; data: unknown };
        local.emit(topic, data);
      } catch {
        console.warn("[events] ignored a malformed notification");
      }
    })
    .then(() => undefined);
  globalForEvents.summitEventsListening = { db, ready };
  ready.catch(() => {
    if (globalForEvents.summitEventsListening?.ready === ready) globalForEvents.summitEventsListening = undefined;
  });
  return ready;
}

/** Sends `data` to every subscriber of `topic` on every app server. */
export async function publishEvent(topic: string, data: unknown): Promise<void> {
  const payload = JSON.stringify({ topic, data });
  if (Buffer.byteLength(payload) > 7_900) throw new Error(`event on ${topic} too large for NOTIFY`);
  const db = await getDatabase();
  await db.sql.query(`SELECT pg_notify($1, $2)`, [CHANNEL, payload]);
}

/** Calls `handler` for each event on `topic` until the returned function is called. */
export async function subscribeEvents(topic: string, handler: (data: unknown) => void): Promise<() => void> {
  await ensureListening();
  local.on(topic, handler);
  return () => {
    local.off(topic, handler);
  };
}

/** The topic of one user's live events (their open console pages). */
export const userTopic = (userId: number) => `user:${userId}`;
