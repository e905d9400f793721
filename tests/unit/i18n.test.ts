import { describe, expect, test } from "vitest";
import { MESSAGES, messagesFor } from "@/lib/i18n/messages";
import { ACTIONS } from "@/lib/platform/auth/permissions";
import { localeFromAcceptLanguage } from "@/lib/i18n/config";
import * as Enums from "@/lib/platform/enums";

const en = messagesFor("en");
const zh = messagesFor("zh-CN");

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function lookup(messages: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe("messages", () => {
  test("no two message files define the same namespace", () => {
    for (const files of Object.values(MESSAGES)) {
      const namespaces = files.flatMap((f) => Object.keys(f));
      expect(new Set(namespaces).size).toBe(namespaces.length);
    }
  });

  test("English and Simplified Chinese have exactly the same keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  test("no message is empty", () => {
    for (const messages of [en, zh]) {
      for (const key of keys(messages)) expect(String(lookup(messages, key)).trim(), key).not.toBe("");
    }
  });

  // Shared enum labels must follow the schema's enums (a renamed value once showed a raw message key).
  test.each([
    ["enums.kind", Enums.CustomerKind],
    ["enums.tier", Enums.Tier],
    ["enums.stage", Enums.LifecycleStage],
    ["enums.channel", Enums.Channel],
    ["enums.direction", Enums.Direction],
    ["enums.oppStage", Enums.OpportunityStage],
    ["enums.campaignType", Enums.CampaignType],
    ["enums.memberStatus", Enums.CampaignMemberStatus],
    ["service.statuses", Enums.TicketStatus],
    ["service.priorities", Enums.TicketPriority],
  ] as const)("%s labels every value of its enum in both languages", (prefix, values) => {
    for (const messages of [en, zh]) expect(Object.keys(lookup(messages, prefix) as object).sort()).toEqual(Object.values(values).sort());
  });

  test.each(ACTIONS)("permission %s has a label in both languages", (action) => {
    expect(typeof lookup(en, `permissions.actions.${action}`)).toBe("string");
    expect(typeof lookup(zh, `permissions.actions.${action}`)).toBe("string");
  });

  test.each([
    { header: null, locale: "en" },
    { header: "zh-CN,zh;q=0.9,en;q=0.8", locale: "zh-CN" },
    { header: "zh-TW", locale: "zh-CN" },
    { header: "en-US,en;q=0.9", locale: "en" },
    { header: "fr-FR,zh;q=0.5", locale: "zh-CN" },
    { header: "de-DE", locale: "en" },
  ])("Accept-Language $header reads as $locale", ({ header, locale }) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
