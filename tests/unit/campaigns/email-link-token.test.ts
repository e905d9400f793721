import { describe, expect, it } from "vitest";
import { signLinkToken, verifyLinkToken } from "@/lib/campaigns/rules/email-link-token";

const KEY = Buffer.from("0123456789abcdef0123456789abcdef");
const NOW = Date.UTC(2026, 5, 10, 2, 0, 0);
const claim = { memberId: 4711, linkIndex: 2, expiresAtSec: NOW / 1000 + 3600 };

describe("click link tokens", () => {
  it("verify for their purpose, before expiry, giving back the claim", () => {
    const token = signLinkToken(KEY, "click", claim);
    expect(token).toMatch(/^click\.[0-9a-z]+\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyLinkToken(KEY, token, "click", NOW)).toEqual(claim);
  });

  it("expire", () => {
    const token = signLinkToken(KEY, "click", claim);
    expect(verifyLinkToken(KEY, token, "click", claim.expiresAtSec * 1000 - 1)).toEqual(claim);
    expect(verifyLinkToken(KEY, token, "click", claim.expiresAtSec * 1000)).toBeNull();
  });

  it("refuse any tampering: member, link, expiry, signature, purpose tag", () => {
    const token = signLinkToken(KEY, "click", claim);
    const [tag, m, l, e, sig] = token.split(".");
    const forged = [
      [tag, (4712).toString(36), l, e, sig],
      [tag, m, "3", e, sig],
      [tag, m, l, (claim.expiresAtSec + 86_400).toString(36), sig],
      [tag, m, l, e, `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`],
      ["unsub", m, l, e, sig],
    ].map((parts) => parts.join("."));
    for (const f of forged) expect(verifyLinkToken(KEY, f, "click", NOW)).toBeNull();
  });

  it("refuse a token signed with another key or made for another purpose", () => {
    expect(verifyLinkToken(Buffer.from("another key, another app......."), signLinkToken(KEY, "click", claim), "click", NOW)).toBeNull();
    // A token signed for another purpose (the signature covers it) fails even with its tag changed.
    const other = signLinkToken(KEY, "other" as "click", claim);
    expect(verifyLinkToken(KEY, other, "click", NOW)).toBeNull();
    expect(verifyLinkToken(KEY, other.replace(/^other/, "click"), "click", NOW)).toBeNull();
  });

  it.each(["", "click", "click.1.0.1.", "x".repeat(500), "click.-1.0.zz.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"])("refuse malformed %j", (token) => {
    expect(verifyLinkToken(KEY, token, "click", NOW)).toBeNull();
  });
});
