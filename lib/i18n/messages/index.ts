import enAdmin from "./en/admin.json";
import enCore from "./en/core.json";
import enCustomers from "./en/customers.json";
import enValue from "./en/value.json";
import zhAdmin from "./zh-CN/admin.json";
import zhCore from "./zh-CN/core.json";
import zhCustomers from "./zh-CN/customers.json";
import zhValue from "./zh-CN/value.json";
import type { Locale } from "../config";

/**
 * One file per feature and language, each holding its own top-level namespaces, so features add
 * their texts without editing a shared catalogue. tests/unit/i18n.test.ts checks both languages
 * have the same keys.
 */
export const MESSAGES: Record<Locale, Record<string, unknown>[]> = {
  en: [enCore, enCustomers, enValue, enAdmin],
  "zh-CN": [zhCore, zhCustomers, zhValue, zhAdmin],
};

export function messagesFor(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...MESSAGES[locale]);
}
