import enAdmin from "./en/admin.json";
import enAudit from "./en/audit.json";
import enCalendar from "./en/calendar.json";
import enCallLists from "./en/call-lists.json";
import enCampaigns from "./en/campaigns.json";
import enCampaignEmail from "./en/campaign-email.json";
import enCore from "./en/core.json";
import enConsole from "./en/console.json";
import enCsat from "./en/csat.json";
import enCustomers from "./en/customers.json";
import enImports from "./en/imports.json";
import enMail from "./en/mail.json";
import enOpportunities from "./en/opportunities.json";
import enPipeline from "./en/pipeline.json";
import enPropensity from "./en/propensity.json";
import enRecycleBin from "./en/recycle-bin.json";
import enSales from "./en/sales.json";
import enSegments from "./en/segments.json";
import enService from "./en/service.json";
import enServiceDashboard from "./en/service-dashboard.json";
import enSettings from "./en/settings.json";
import enSetup from "./en/setup.json";
import enUsers from "./en/users.json";
import enValue from "./en/value.json";
import zhAdmin from "./zh-CN/admin.json";
import zhAudit from "./zh-CN/audit.json";
import zhCalendar from "./zh-CN/calendar.json";
import zhCallLists from "./zh-CN/call-lists.json";
import zhCampaigns from "./zh-CN/campaigns.json";
import zhCampaignEmail from "./zh-CN/campaign-email.json";
import zhCore from "./zh-CN/core.json";
import zhConsole from "./zh-CN/console.json";
import zhCsat from "./zh-CN/csat.json";
import zhCustomers from "./zh-CN/customers.json";
import zhImports from "./zh-CN/imports.json";
import zhMail from "./zh-CN/mail.json";
import zhOpportunities from "./zh-CN/opportunities.json";
import zhPipeline from "./zh-CN/pipeline.json";
import zhPropensity from "./zh-CN/propensity.json";
import zhRecycleBin from "./zh-CN/recycle-bin.json";
import zhSales from "./zh-CN/sales.json";
import zhSegments from "./zh-CN/segments.json";
import zhService from "./zh-CN/service.json";
import zhServiceDashboard from "./zh-CN/service-dashboard.json";
import zhSettings from "./zh-CN/settings.json";
import zhSetup from "./zh-CN/setup.json";
import zhUsers from "./zh-CN/users.json";
import zhValue from "./zh-CN/value.json";
import type { Locale } from "../config";

/**
 * One file per feature and language, each holding its own top-level namespaces, so features add
 * their texts without editing a shared catalogue. tests/unit/i18n.test.ts checks both languages
 * have the same keys.
 */
export const MESSAGES: Record<Locale, Record<string, unknown>[]> = {
  en: [enCore, enCustomers, enValue, enAdmin, enSales, enOpportunities, enCalendar, enPipeline, enSetup, enImports, enMail, enService, enCsat, enServiceDashboard, enConsole, enUsers, enSettings, enAudit, enRecycleBin, enSegments, enPropensity, enCampaigns, enCallLists, enCampaignEmail],
  "zh-CN": [zhCore, zhCustomers, zhValue, zhAdmin, zhSales, zhOpportunities, zhCalendar, zhPipeline, zhSetup, zhImports, zhMail, zhService, zhCsat, zhServiceDashboard, zhConsole, zhUsers, zhSettings, zhAudit, zhRecycleBin, zhSegments, zhPropensity, zhCampaigns, zhCallLists, zhCampaignEmail],
};

export function messagesFor(locale: Locale): Record<string, unknown> {
  return Object.assign({}, ...MESSAGES[locale]);
}
