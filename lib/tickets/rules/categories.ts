/**
 * Service categories. Routing sends a ticket to an agent holding the category as a skill
 * (User.skills), and a VIP customer's ticket to someone holding `vip` when anyone does.
 */
export const TICKET_CATEGORIES = ["technical", "billing", "account", "orders", "complaint", "general"] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const VIP_SKILL = "vip";

export function isTicketCategory(value: string): value is TicketCategory {
  return (TICKET_CATEGORIES as readonly string[]).includes(value);
}
