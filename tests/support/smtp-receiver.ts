import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP receiver (smtp-server, no TLS, no auth) for the tests, the e2e specs and the bench: what
 * the app sent is read back from here, never taken from a mock.
 */
export type SmtpReceiver = {
  url: string;
  /** Every message accepted, parsed (only when `parse` is on). */
  received: ParsedMail[];
  /** Messages accepted, parsed or not. */
  count: number;
  /** While true, every recipient is refused with a temporary failure (450), to exercise retries. */
  rejecting: boolean;
  close(): Promise<void>;
};

/**
 * Starts a receiver on `port` (default: a random free one) of 127.0.0.1. `parse: false` counts messages
 * without parsing them (the receiver must not be the bottleneck of a bench).
 */
export async function startSmtpReceiver(options: { parse?: boolean; port?: number } = {}): Promise<SmtpReceiver> {
  const parse = options.parse ?? true;
  const pending: Promise<void>[] = [];
  const receiver: SmtpReceiver = { url: "", received: [], count: 0, rejecting: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // The bench opens a pool of connections; the default cap is generous but explicit here.
    maxClients: 100,
    onRcptTo(_address, _session, callback) {
      if (!receiver.rejecting) return callback();
      callback(Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 450 }));
    },
    onData(stream, _session, callback) {
      if (!parse) {
        stream.on("data", () => {});
        stream.on("end", () => {
          receiver.count++;
          callback();
        });
        return;
      }
      const parsed = simpleParser(stream).then((mail) => {
        receiver.received.push(mail);
        receiver.count++;
      });
      pending.push(parsed);
      parsed.then(() => callback(), callback);
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on("error", reject);
    const listening = server.listen(options.port ?? 0, "127.0.0.1", () => resolve((listening.address() as AddressInfo).port));
  });
  receiver.url = `smtp://127.0.0.1:${port}`;
  receiver.close = async () => {
    await Promise.allSettled(pending);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
