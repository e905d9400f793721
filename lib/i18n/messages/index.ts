import enCore from "./en/core.json";
import zhCore from "./zh-CN/core.json";
import type { Locale } from "../config";

/**
 * One file per feature and language, each holding its own top-level namespaces, so features add
 * their texts without editing a shared catalogue. tests/unit/i18n.test.ts checks both languages
 * have the same keys.
 */
export const MESSAGES: Record<Locale, Record<string, unknown>[]> = {
  en: [enCore],
  "zh-CN": [zhCore],
};

export function messagesFor(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...MESSAGES[locale]);
}
