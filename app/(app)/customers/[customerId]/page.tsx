import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ContactsSection } from "@/components/customers/contacts-section";
import { CustomerHeader } from "@/components/customers/customer-header";
import { DeleteCustomerButton } from "@/components/customers/delete-customer-button";
import { DncForm } from "@/components/customers/dnc-form";
import { LogTouchpointForm } from "@/components/customers/log-touchpoint-form";
import { ProfileForm } from "@/components/customers/profile-form";
import { CampaignsSection, OpportunitiesSection, OrdersSection, TicketsSection } from "@/components/customers/related-sections";
import { ScoresSection } from "@/components/customers/scores-section";
import { TimelineSection } from "@/components/customers/timeline-section";
import { ScoreExplanations } from "@/components/scores/score-explanations";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { getCustomer360 } from "@/lib/customers/customer-360";
import { getCustomerScoreView } from "@/lib/scoring/customer-scores";
import { parseTimelineQuery } from "@/lib/touchpoints/rules/timeline";
import { requireIdParam } from "@/lib/platform/ids";
import { HistoryLink } from "@/components/audit/history-link";

type Props = { params: Promise<{ customerId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("customers");
  return { title: `${t("detail.title")} #${(await params).customerId}` };
}

export default async function CustomerPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).customerId);
  const sp = await searchParams;
  const timeline = parseTimelineQuery(sp);
  const [data, scoreView] = await Promise.all([getCustomer360(user, id, timeline), getCustomerScoreView(user, id)]);
  if (!data) notFound();
  const t = await getTranslations();
  const { customer, contacts, sections, page, owners, regions, links } = data;
  const channelQuery = timeline.channels.map((c) => `channel=${c}`).join("&");
  const olderHref = page.next ? `/customers/${id}?${channelQuery ? `${channelQuery}&` : ""}tlBefore=${page.next}#timeline` : null;
  const actions = (
    <div className="flex flex-wrap gap-2">
      {customer.can.delete ? (
        <Button variant="secondary" asChild>
          <Link href={`/customers/${id}/merge`}>{t("customers.merge.button")}</Link>
        </Button>
      ) : null}
      {customer.can.delete ? <DeleteCustomerButton id={id} version={customer.version} snapshot={customer.snapshot} name={customer.name} /> : null}
      {can(user, "audit.read", data.ref) ? <HistoryLink entity="Customer" id={id} /> : null}
    </div>
  );
  const merged = typeof sp.merged === "string" ? sp.merged : null;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <CustomerHeader customer={customer} actions={actions} />
      {merged ? <FormMessage tone="success">{t("customers.merge.done", { id: merged })}</FormMessage> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Section id="profile" title={t("customers.sections.profile")}>
          {customer.can.edit ? null : <p className="text-sm text-slate-600">{t("customers.profile.readOnly")}</p>}
          <ProfileForm customer={customer} owners={customer.can.reassign ? owners : []} regions={regions} readOnly={!customer.can.edit} />
          <DncForm customerId={id} flags={customer.doNotContact} version={customer.doNotContactVersion} snapshot={customer.doNotContactSnapshot} />
        </Section>
        <div className="flex flex-col gap-4">
          <Section id="contacts" title={t("customers.sections.contacts")}>
            <ContactsSection customerId={id} contacts={contacts} canAdd={can(user, "customer.create", data.ref)} canEdit={customer.can.edit} />
          </Section>
          <Section id="log" title={t("touchpoints.log")}>
            <LogTouchpointForm customerId={id} contacts={contacts} links={links} flags={customer.doNotContact} />
          </Section>
        </div>
      </div>
      <Section id="timeline" title={t("customers.sections.timeline")}>
        <TimelineSection customerId={id} page={page} channels={timeline.channels} olderHref={olderHref} />
      </Section>
      <Section id="orders" title={t("customers.sections.orders")}>
        <OrdersSection orders={sections.orders} />
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section id="opportunities" title={t("customers.sections.opportunities")}>
          <OpportunitiesSection rows={sections.opportunities} />
        </Section>
        <Section id="campaigns" title={t("customers.sections.campaigns")}>
          <CampaignsSection rows={sections.campaigns} />
        </Section>
      </div>
      <Section id="tickets" title={t("customers.sections.tickets")}>
        <TicketsSection rows={sections.tickets} hidden={sections.hiddenTickets} />
      </Section>
      <ScoresSection customer={customer} history={sections.scores} slot={<ScoreExplanations view={scoreView} />} />
    </div>
  );
}
