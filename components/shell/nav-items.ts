import type { Action } from "@/lib/platform/auth/permissions";

export type NavItem = { href: string; labelKey: string; requires?: Action };

/** Only sections that exist are listed; each later feature adds its entry here. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", labelKey: "nav.home" },
  { href: "/customers", labelKey: "customersNav.title", requires: "customer.read" },
  { href: "/segments", labelKey: "segmentsNav.title", requires: "segment.read" },
  { href: "/campaigns", labelKey: "campaignsNav.title", requires: "campaign.read" },
  { href: "/call-lists", labelKey: "callLists.nav", requires: "callList.work" },
  { href: "/leads", labelKey: "salesNav.leads", requires: "lead.read" },
  { href: "/opportunities", labelKey: "salesNav.opportunities", requires: "opportunity.read" },
  { href: "/calendar", labelKey: "calendarNav.calendar", requires: "appointment.read" },
  { href: "/tasks", labelKey: "calendarNav.tasks", requires: "task.read" },
  { href: "/tickets", labelKey: "service.nav", requires: "ticket.read" },
  { href: "/console", labelKey: "console.nav", requires: "ticket.create" },
  { href: "/dashboards/value", labelKey: "valueDashboard.nav", requires: "dashboard.value" },
  { href: "/dashboards/pipeline", labelKey: "pipelineDashboard.nav", requires: "dashboard.pipeline" },
  { href: "/dashboards/service", labelKey: "serviceDashboard.nav", requires: "dashboard.service" },
  { href: "/products", labelKey: "salesNav.products", requires: "product.read" },
  { href: "/partners", labelKey: "salesNav.partners", requires: "partner.read" },
  { href: "/orders/import", labelKey: "orderImport.nav", requires: "order.import" },
  { href: "/products/import", labelKey: "productImport.nav", requires: "product.edit" },
  { href: "/admin/targets", labelKey: "salesTargets.nav", requires: "target.edit" },
  { href: "/admin/scores", labelKey: "adminScores.nav", requires: "score.recompute" },
  { href: "/admin/outbox", labelKey: "mail.nav", requires: "admin.manage" },
  { href: "/admin/reply-templates", labelKey: "service.templates.nav", requires: "ticket.templates" },
  { href: "/admin/service", labelKey: "service.settings.nav", requires: "admin.manage" },
  { href: "/admin/users", labelKey: "users.admin.nav", requires: "admin.manage" },
  { href: "/admin/teams", labelKey: "users.teams.nav", requires: "admin.manage" },
  { href: "/admin/settings", labelKey: "settings.nav", requires: "admin.manage" },
  { href: "/admin/audit", labelKey: "audit.nav", requires: "audit.read" },
  { href: "/recycle-bin", labelKey: "recycleBin.nav", requires: "recycleBin.use" },
];
