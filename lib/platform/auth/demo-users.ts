import type { Role } from "@/lib/platform/enums";

/** The demo logins documented in the README; every one uses DEMO_PASSWORD. */
export const DEMO_PASSWORD = "Summit-demo-2026";

export type DemoUser = { email: string; name: string; role: Role; team: string | null; skills: string[]; phoneExtension?: string };

export const DEMO_TEAMS = ["East", "West", "Service"] as const;

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@summit.test", name: "Ada Admin", role: "ADMIN", team: null, skills: [] },
  { email: "manager.east@summit.test", name: "Mei Wang", role: "MANAGER", team: "East", skills: [] },
  { email: "manager.west@summit.test", name: "Walter Li", role: "MANAGER", team: "West", skills: [] },
  { email: "rep.east1@summit.test", name: "Rui Chen", role: "REP", team: "East", skills: [] },
  { email: "rep.east2@summit.test", name: "Emma Zhao", role: "REP", team: "East", skills: [] },
  { email: "rep.east3@summit.test", name: "Jun Liu", role: "REP", team: "East", skills: [] },
  { email: "rep.west1@summit.test", name: "Sara Huang", role: "REP", team: "West", skills: [] },
  { email: "rep.west2@summit.test", name: "Tom Zhou", role: "REP", team: "West", skills: [] },
  { email: "rep.west3@summit.test", name: "Lin Yang", role: "REP", team: "West", skills: [] },
  { email: "agent1@summit.test", name: "Ana Gao", role: "AGENT", team: "Service", skills: ["billing", "complaint", "vip", "zh", "en"], phoneExtension: "8001" },
  { email: "agent2@summit.test", name: "Ben Xu", role: "AGENT", team: "Service", skills: ["technical", "account", "orders", "zh"], phoneExtension: "8002" },
];
