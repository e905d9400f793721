import "server-only";
import * as calendar from "@/lib/calendar/actions";
import * as callLists from "@/lib/call-lists/actions";
import * as campaigns from "@/lib/campaigns/actions";
import * as campaignsEmail from "@/lib/campaigns/email-actions";
import * as contacts from "@/lib/contacts/actions";
import * as customers from "@/lib/customers/actions";
import * as dashboards from "@/lib/dashboards/actions";
import * as leads from "@/lib/leads/actions";
import * as opportunities from "@/lib/opportunities/actions";
import * as partners from "@/lib/partners/actions";
import * as products from "@/lib/products/actions";
import * as quotes from "@/lib/quotes/actions";
import * as recycleBin from "@/lib/recycle-bin/actions";
import * as scoring from "@/lib/scoring/actions";
import * as search from "@/lib/search/actions";
import * as segments from "@/lib/segments/actions";
import * as settings from "@/lib/settings/actions";
import * as tasks from "@/lib/tasks/actions";
import * as tickets from "@/lib/tickets/actions";
import * as ticketsConsole from "@/lib/tickets/console-actions";
import * as ticketsCsat from "@/lib/tickets/csat-actions";
import * as ticketsServiceSettings from "@/lib/tickets/service-settings-actions";
import * as ticketsTemplates from "@/lib/tickets/template-actions";
import * as ticketsTriage from "@/lib/tickets/triage-actions";
import * as touchpoints from "@/lib/touchpoints/actions";
import * as users from "@/lib/users/actions";
import * as usersAdmin from "@/lib/users/admin-actions";
import * as usersPasswords from "@/lib/users/password-actions";
import * as usersSetup from "@/lib/users/setup-actions";
import * as usersTeams from "@/lib/users/team-actions";
import { type RegisteredAction, registeredActions } from "@/lib/platform/form-action";

/**
 * Every actions module of every feature (`lib/<feature>/actions.ts` and `lib/<feature>/*-actions.ts`),
 * keyed by its path below lib/ without the extension, so that every server action is enumerable from
 * one place: the factory registers each action by name as its module loads.
 * tests/unit/platform/action-registry.test.ts fails when an actions file is missing here or exports a
 * function the factory did not build; the fuzz test (tests/integration/action-fuzz.test.ts) posts
 * malformed input to each registered action.
 */
export const ACTION_MODULES: Record<string, Record<string, unknown>> = {
  "calendar/actions": calendar,
  "call-lists/actions": callLists,
  "campaigns/actions": campaigns,
  "campaigns/email-actions": campaignsEmail,
  "contacts/actions": contacts,
  "customers/actions": customers,
  "dashboards/actions": dashboards,
  "leads/actions": leads,
  "opportunities/actions": opportunities,
  "partners/actions": partners,
  "products/actions": products,
  "quotes/actions": quotes,
  "recycle-bin/actions": recycleBin,
  "scoring/actions": scoring,
  "search/actions": search,
  "segments/actions": segments,
  "settings/actions": settings,
  "tasks/actions": tasks,
  "tickets/actions": tickets,
  "tickets/console-actions": ticketsConsole,
  "tickets/csat-actions": ticketsCsat,
  "tickets/service-settings-actions": ticketsServiceSettings,
  "tickets/template-actions": ticketsTemplates,
  "tickets/triage-actions": ticketsTriage,
  "touchpoints/actions": touchpoints,
  "users/actions": users,
  "users/admin-actions": usersAdmin,
  "users/password-actions": usersPasswords,
  "users/setup-actions": usersSetup,
  "users/team-actions": usersTeams,
};

export function allActions(): RegisteredAction[] {
  return registeredActions();
}
