import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP receiver on a random local port (no TLS, no auth), for tests and the bench. */
export type SmtpReceiver = {
  url: string;
  /** Every message accepted, parsed (only when `parse` is on). */
  received: ParsedMail[];
  /** Messages accepted, parsed or not. */
  count: number;
  close(): Promise<void>;
};

/** `parse: false` counts messages without parsing them (the bench: the receiver must not be the bottleneck). */
export async function startSmtpReceiver(options: { parse?: boolean } = {}): Promise<SmtpReceiver> {
  const parse = options.parse ?? true;
  const pending: Promise<void>[] = [];
  const receiver: SmtpReceiver = { url: "", received: [], count: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // The bench opens a pool of connections; the default cap is generous but explicit here.
    maxClients: 100,
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
    const listening = server.listen(0, "127.0.0.1", () => resolve((listening.address() as AddressInfo).port));
  });
  receiver.url = `smtp://127.0.0.1:${port}`;
  receiver.close = async () => {
    await Promise.allSettled(pending);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
