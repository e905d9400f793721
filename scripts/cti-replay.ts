/**
 * Replays a phone call against a running server, as the phone system would post it, so a demo can
 * show the screen pop and the call log:
 *
 *   CTI_SECRET=… npx tsx scripts/cti-replay.ts --from "+86 138 0013 8000" [--extension 8001] [--talk 20] [--url http://localhost:3000]
 *
 * Sign in as the agent with that extension (demo: agent1@summit.test is 8001, agent2 8002) and open
 * the contact console first: "ringing" opens the caller there, "ended" logs the call.
 */
import { createHmac, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SUMMIT_URL ?? "http://localhost:3000" },
    from: { type: "string" },
    extension: { type: "string", default: "8001" },
    talk: { type: "string", default: "20" },
    secret: { type: "string", default: process.env.CTI_SECRET },
  },
});

if (!values.from || !values.secret) {
  console.error('usage: CTI_SECRET=… npx tsx scripts/cti-replay.ts --from "+86 138 0013 8000" [--extension 8001] [--talk 20] [--url http://localhost:3000]');
  process.exit(2);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  // This script stands in for the phone system, outside the app: its signature carries the machine's
  // real time, which the server checks for freshness against its own clock.
  // eslint-disable-next-line no-restricted-syntax -- an external client's real time, not the app's clock (see above)
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", values.secret!).update(`${timestamp}.${body}`).digest("hex");
  const response = await fetch(new URL("/api/cti/events", values.url), { method: "POST", headers: { "content-type": "application/json", "x-cti-timestamp": timestamp, "x-cti-signature": signature }, body });
  console.log(`${String(event.event).padEnd(8)} → ${response.status} ${await response.text()}`);
}

const callId = randomUUID();
const talk = Math.max(0, Number(values.talk) || 0);
const call = { callId, from: values.from, extension: values.extension };
await post({ event: "ringing", ...call });
await sleep(3000);
await post({ event: "answered", ...call });
await sleep(Math.min(talk, 10) * 1000);
await post({ event: "ended", ...call, durationSeconds: talk });
