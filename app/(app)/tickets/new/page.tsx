import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TicketCreateForm } from "@/components/tickets/ticket-create-form";
import { Card } from "@/components/ui/card";
import { listContacts } from "@/lib/contacts/queries";
import { getCustomer } from "@/lib/customers/mutations";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { parseIdParam } from "@/lib/platform/id-param";

export async function generateMetadata() {
  const t = await getTranslations("service");
  return { title: t("create.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewTicketPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "ticket.create")) notFound();
  const params = await searchParams;
  const t = await getTranslations("service");
  // `?customer=ID` opens the form for that customer, with its contact persons to choose from.
  const customerId = parseIdParam(params.customer);
  const [customer, contacts] = customerId !== null ? await Promise.all([getCustomer(user, customerId), listContacts(user, customerId)]) : [null, null];
  const preset = customer ? { id: customer.id, name: customer.name } : null;
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <nav aria-label={t("create.breadcrumb")} className="text-sm">
        <Link href="/tickets" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold text-slate-900">{t("create.title")}</h1>
      <Card>
        {/* A new customer's contacts come with a new render: start the form afresh for them. */}
        <TicketCreateForm
          key={preset?.id ?? "none"}
          presetCustomer={preset}
          contacts={preset && contacts ? contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, email: c.email })) : null}
        />
      </Card>
    </div>
  );
}
