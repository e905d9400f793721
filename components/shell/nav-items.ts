import type { Action } from "@/lib/auth/permissions";

export type NavItem = { href: string; labelKey: string; requires?: Action };

/** Only sections that exist are listed; each later feature adds its entry here. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", labelKey: "nav.home" },
  { href: "/customers", labelKey: "customersNav.title", requires: "customer.read" },
  { href: "/dashboards/value", labelKey: "valueDashboard.nav", requires: "dashboard.value" },
  { href: "/admin/scores", labelKey: "adminScores.nav", requires: "score.recompute" },
];
