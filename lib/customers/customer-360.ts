import "server-only";
import type { Actor, RecordRef } from "@/lib/platform/auth/permissions";
import type { TimelineQuery } from "@/lib/touchpoints/rules/timeline";
import { type ContactDto, listContacts } from "@/lib/contacts/queries";
import { type Customer360Sections, getCustomer360Sections, linkOptionsOf, type TouchpointLinkOptions } from "@/lib/customers/customer-360-sections";
import { type CustomerDto, getCustomer, listAssignableOwners } from "@/lib/customers/mutations";
import { getFilterOptions } from "@/lib/customers/queries";
import { listTimeline, type TimelinePage } from "@/lib/touchpoints/queries";

export type Customer360 = {
  customer: CustomerDto;
  ref: RecordRef;
  contacts: ContactDto[];
  sections: Customer360Sections;
  page: TimelinePage;
  owners: { id: number; name: string }[];
  regions: string[];
  links: TouchpointLinkOptions;
};

/**
 * Everything the 360 page shows, in one call: the customer first (null when missing, deleted or not
 * readable), then every section at once. This is what the benchmark times as "360 page data load".
 */
export async function getCustomer360(actor: Actor & { teamId: number | null }, id: number, timeline: TimelineQuery): Promise<Customer360 | null> {
  const customer = await getCustomer(actor, id);
  if (!customer) return null;
  const ref: RecordRef = { ownerId: customer.owner?.id ?? null, ownerTeamId: customer.ownerTeamId };
  const [contacts, sections, page, owners, options] = await Promise.all([
    listContacts(actor, id),
    getCustomer360Sections(actor, id, { ownerId: ref.ownerId ?? null, ownerTeamId: ref.ownerTeamId ?? null }),
    listTimeline(actor, id, timeline),
    customer.can.reassign ? listAssignableOwners(actor) : Promise.resolve([]),
    customer.can.edit ? getFilterOptions(actor) : Promise.resolve({ regions: [] as string[] }),
  ]);
  return { customer, ref, contacts, sections, page, owners, regions: options.regions, links: linkOptionsOf(sections) };
}
