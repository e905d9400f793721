/**
 * Email campaign sending (issue 13 target: 10,000 emails to a local SMTP receiver >= 200 per second),
 * beside a baseline: raw nodemailer sends of the same messages to the same receiver over a pooled
 * transport (what the mail module can at best approach). Benchmarks print; they never fail on time.
 *
 * The send path measured is the app's: the campaign's send job queues the members' messages into the
 * outbox (rendering, tokens, member updates, touchpoints; at the maximum rate of 60,000 a minute)
 * while the outbox delivery sends them, until the receiver has all 10,000. Setup (10,000 customers
 * with addresses, an ACTIVE email campaign with them as treated members) is set-based and removed
 * afterwards.
 *
 * Called by the benchmark runner with an open, seeded database. On its own:
 *   SUMMIT_BENCH_DIR=/tmp/email-bench/pglite npx tsx --conditions react-server tests/bench/campaign-email-bench.ts
 *   (or DATABASE_URL=postgresql://… for a server); an empty database is seeded with 200 demo customers (and the demo users) first.
 */
import { Worker } from "node:worker_threads";
import { createTransport } from "nodemailer";
import type { Database } from "@/lib/platform/db/client";
import { setDatabase } from "@/lib/platform/db/client";
import { nowMs } from "@/lib/platform/clock";
import { utcTimestamp } from "@/lib/platform/db/sql-builder";
import { deliverPendingMail, noDelaySocket, settleMailKicks } from "@/lib/platform/mail";
import { changeCampaignEmailSend, saveCampaignEmail } from "@/lib/campaigns/email";
import { queueCampaignEmailBatch } from "@/lib/campaigns/email-send";
import { formatMs } from "./measure";
import { firstActor, invokedDirectly, runStandalone } from "./standalone";

const MESSAGES = Number(process.env.BENCH_EMAILS ?? 10_000);
const PREFIX = "Email bench";
const TEMPLATE = {
  subject: "Spring offer for {{firstName}}",
  body: "Dear {{firstName | customer}},\n\nYour rep {{ownerName}} has news for {{company | you}}: [see the offer](https://shop.example/spring?utm=mail), or visit https://shop.example/stores.\n\nKind regards,\nSummit",
  ratePerMinute: 60_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The receiver runs in its own thread, as a mail server runs in its own process: in the bench's thread
 * it would share one core with the sender (and with the embedded database), and the figure would be
 * the receiver's. It accepts every message (no TLS, no auth), reads it to the end and counts it.
 */
const RECEIVER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { SMTPServer } = require("smtp-server");
let count = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ["STARTTLS"], logger: false, maxClients: 100,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => { count++; parentPort.postMessage({ count }); callback(); });
  },
});
const listening = server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: listening.address().port }));
parentPort.on("message", (m) => { if (m === "close") server.close(() => parentPort.close()); });
`;

type ThreadReceiver = { url: string; count: number; close(): Promise<void> };

async function startReceiverThread(): Promise<ThreadReceiver> {
  const worker = new Worker(RECEIVER_SOURCE, { eval: true });
  const receiver: ThreadReceiver = { url: "", count: 0, close: async () => {} };
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("error", reject);
    worker.on("message", (m: { port?: number; count?: number }) => {
      if (m.port !== undefined) resolve(m.port);
      if (m.count !== undefined) receiver.count = m.count;
    });
  });
  receiver.url = `smtp://127.0.0.1:${port}`;
  receiver.close = async () => {
    worker.postMessage("close");
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2_000);
      worker.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  return receiver;
}

export async function benchCampaignEmail(db: Database): Promise<void> {
  setDatabase(db);
  const admin = await firstActor(db, "ADMIN");
  const now = new Date(nowMs());
  const stamp = utcTimestamp(now);
  const savedSmtp = process.env.SMTP_URL;
  const receiver = await startReceiverThread();
  const [{ id: campaignId }] = await db.sql.query<{ id: number }>(
    `INSERT INTO "Campaign" (name, type, status, "startsAt", "endsAt", "ownerId", "launchedAt", "createdAt", "updatedAt")
     VALUES ($1, 'EMAIL', 'ACTIVE', $2::timestamp, $2::timestamp + interval '30 days', $3, $2::timestamp, $2::timestamp, $2::timestamp) RETURNING id`,
    [`${PREFIX} campaign`, stamp, admin.id],
  );
  try {
    await db.sql.query(
      `INSERT INTO "Customer" (kind, name, email, region, company, "ownerId", "createdAt", "updatedAt")
       SELECT 'INDIVIDUAL', $1 || ' ' || g, 'bench' || g || '@example.com', 'East China', 'Company ' || g, $2::int, $3::timestamp, $3::timestamp FROM generate_series(1, ${MESSAGES}) g`,
      [PREFIX, admin.id, stamp],
    );
    await db.sql.query(
      `INSERT INTO "CampaignMember" ("campaignId", "customerId", "createdAt", "updatedAt")
       SELECT $1::int, c.id, $2::timestamp, $2::timestamp FROM "Customer" c WHERE c.name LIKE $3 ORDER BY c.id`,
      [campaignId, stamp, `${PREFIX} %`],
    );
    await saveCampaignEmail(admin, campaignId, 0, TEMPLATE);
    console.log(`  (set up ${MESSAGES.toLocaleString("en-US")} members)`);

    // ---- baseline: raw nodemailer, pooled, the same messages' size --------------------------------
    const sample = await renderedSample(db, campaignId);
    // The same sockets as the mail module's (Nagle off), so the baseline is what it can at best approach.
    const pool = createTransport({ host: "127.0.0.1", port: Number(new URL(receiver.url).port), secure: false, pool: true, maxConnections: 5, maxMessages: Infinity, getSocket: noDelaySocket });
    const base0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        while (next < MESSAGES) {
          const i = next++;
          await pool.sendMail({ from: "bench@summit.local", to: `raw${i}@example.com`, subject: sample.subject, text: sample.text, html: sample.html });
        }
      }),
    );
    const baseMs = performance.now() - base0;
    pool.close();
    const baseline = receiver.count;

    // ---- the app's send path ----------------------------------------------------------------------
    process.env.SMTP_URL = receiver.url;
    const t0 = performance.now();
    await changeCampaignEmailSend(admin, campaignId, 1, "start", { kick: false });
    let queuingDone = false;
    let queueMs = 0;
    const queuing = (async () => {
      for (;;) {
        const outcome = await queueCampaignEmailBatch(campaignId);
        if (outcome.done) break;
        if (outcome.queued === 0) await sleep(Math.min(outcome.waitMs, 50));
      }
      queueMs = performance.now() - t0;
      queuingDone = true;
    })();
    const delivering = (async () => {
      while (receiver.count - baseline < MESSAGES) {
        const result = await deliverPendingMail({ limit: 1_000 });
        if (result.sent === 0) {
          if (queuingDone && result.failed === 0 && result.retried === 0) {
            const [{ left }] = await db.sql.query<{ left: number }>(`SELECT count(*)::int AS "left" FROM "OutboxMessage" WHERE "entity" = 'CampaignMember' AND "status" <> 'SENT'`);
            if (left === 0) break;
          }
          await sleep(5);
        }
      }
    })();
    await Promise.all([queuing, delivering]);
    await settleMailKicks();
    const appMs = performance.now() - t0;
    const sent = receiver.count - baseline;
    const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString("en-US")}/s`;
    console.log(
      `  ${`${sent.toLocaleString("en-US")} campaign emails, queue + deliver`.padEnd(52)} ${formatMs(appMs).padStart(9)}  ${rate(sent, appMs).padStart(8)}` +
        `   | raw nodemailer (pool of 5) ${formatMs(baseMs)} ${rate(MESSAGES, baseMs)}  (x${(appMs / baseMs).toFixed(1)})  target >= 200/s`,
    );
    console.log(`    of which queuing (render, tokens, outbox rows, member updates, touchpoints) ${formatMs(queueMs)} ${rate(MESSAGES, queueMs)}`);
  } finally {
    if (savedSmtp === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = savedSmtp;
    await receiver.close();
    await db.sql.query(`DELETE FROM "OutboxMessage" WHERE "entity" = 'CampaignMember' AND "id" IN (SELECT "emailOutboxId" FROM "CampaignMember" WHERE "campaignId" = $1)`, [campaignId]);
    await db.sql.query(`DELETE FROM "Touchpoint" WHERE "campaignId" = $1`, [campaignId]);
    await db.sql.query(`DELETE FROM "Campaign" WHERE "id" = $1`, [campaignId]);
    await db.sql.query(`DELETE FROM "Customer" WHERE name LIKE $1`, [`${PREFIX} %`]);
  }
}

/** One message as the send path renders it (subject, text, HTML), for the baseline's message size. */
async function renderedSample(db: Database, campaignId: number): Promise<{ subject: string; text: string; html: string }> {
  const { parseTemplate, renderEmail, mergeValues } = await import("@/lib/campaigns/rules/email-template");
  const parsed = parseTemplate(TEMPLATE);
  const [c] = await db.sql.query<{ name: string }>(`SELECT c.name FROM "CampaignMember" m JOIN "Customer" c ON c.id = m."customerId" WHERE m."campaignId" = $1 LIMIT 1`, [campaignId]);
  const token = "x".repeat(43);
  return renderEmail(parsed, mergeValues({ customerName: c.name, company: "Company 1", ownerName: "Admin", tier: null, region: "East China", campaignName: PREFIX, offer: null }), {
    linkHref: (i) => `http://localhost:3000/r/click.1.${i}.abc.${token}`,
    unsubscribeUrl: `http://localhost:3000/u/${token}`,
  });
}

if (invokedDirectly(import.meta.url)) runStandalone(benchCampaignEmail, 200);
