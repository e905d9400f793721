/**
 * How inbound mail finds its ticket. Replies we send carry the ticket's thread token in the subject
 * ("[#T123-1a2b3c4d5e6f] …") and may carry it in a plus-address (support+T123-1a2b3c4d5e6f@…); mail
 * clients keep the subject and reply to the address, so either brings the reply home. The token has
 * 48 random bits: it cannot be guessed from the ticket number.
 */
const TOKEN = /T\d{1,10}-[0-9a-f]{12}/;

export function threadTokenOf(subject: string, recipients: readonly string[]): string | null {
  const inSubject = new RegExp(`\\[#(${TOKEN.source})\\]`).exec(subject);
  if (inSubject) return inSubject[1];
  for (const address of recipients) {
    const plus = new RegExp(`\\+(${TOKEN.source})@`, "i").exec(address);
    if (plus) return plus[1];
  }
  return null;
}

/** The subject without reply prefixes and our token, for a ticket opened from a mail. */
export function cleanSubject(subject: string): string {
  const cleaned = subject
    .replace(new RegExp(`\\[#${TOKEN.source}\\]`, "g"), "")
    .replace(/^\s*((re|fw|fwd|aw|sv|回复|答复|转发)\s*[:：]\s*)+/i, "")
    .trim();
  return cleaned === "" ? "(no subject)" : cleaned.slice(0, 200);
}

// Lines where a mail client starts quoting the message being answered (English and Chinese clients).
const QUOTE_MARKERS = [
  /^On .{1,200} wrote:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*原始邮件\s*-{2,}\s*$/,
  /^在.{1,200}写道[:：]\s*$/,
  /^From: .+$/,
  /^发件人[:：].+$/,
];

/**
 * The new part of a reply: everything before the first quote marker or the first run of ">" lines.
 * When nothing would remain, the whole text is kept (better a long message than an empty one).
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (QUOTE_MARKERS.some((m) => m.test(line)) || (line.startsWith(">") && (lines[i + 1]?.trim().startsWith(">") ?? true))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).join("\n").trim();
  return kept === "" ? text.trim() : kept;
}
