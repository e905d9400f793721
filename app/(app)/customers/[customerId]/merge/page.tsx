import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MergeForm } from "@/components/customers/merge-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { requireUser } from "@/lib/platform/auth/session";
import { suggestCustomers } from "@/lib/customers/queries";
import { type CustomerDto, getCustomer } from "@/lib/customers/mutations";
import { findDuplicateCustomers } from "@/lib/customers/queries";
import { formatMoney } from "@/lib/platform/format";
import { parseIdParam } from "@/lib/platform/id-param";
import { requireIdParam } from "@/lib/platform/ids";

type Props = { params: Promise<{ customerId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function Summary({ c, title }: { c: CustomerDto; title: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="mb-2 font-semibold">{title}</h2>
      <p className="font-medium">
        #{c.id} {c.name}
      </p>
      <p className="text-slate-600">{[c.email, c.phone, c.company, c.region].filter(Boolean).join(" · ")}</p>
      <p className="text-slate-600">{formatMoney(c.totalSpend)}</p>
    </div>
  );
}

export default async function MergePage({ params, searchParams }: Props) {
  const user = await requireUser();
  const id = requireIdParam((await params).customerId);
  const customer = await getCustomer(user, id);
  if (!customer || !customer.can.delete) notFound();
  const sp = await searchParams;
  const t = await getTranslations();
  const q = typeof sp.q === "string" ? sp.q.trim() : "";
  const otherId = parseIdParam(sp.other);
  const other = otherId !== null && otherId !== id ? await getCustomer(user, otherId) : null;
  const [duplicates, found] = await Promise.all([
    findDuplicateCustomers(user, { name: customer.name, email: customer.email, phone: customer.phone, region: customer.region }, id),
    q ? suggestCustomers(user, q, 10) : Promise.resolve([]),
  ]);
  const candidates = [...duplicates.map((d) => ({ id: d.id, name: d.name, region: d.region, note: d.reasons.map((r) => t(`customers.duplicates.reason.${r}`)).join(", ") })), ...found.filter((f) => f.id !== id).map((f) => ({ id: f.id, name: f.name, region: f.region, note: f.email ?? "" }))];
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href={`/customers/${id}`} className="text-brand-700 hover:underline">
          {customer.name}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("customers.merge.title")}</h1>
      <p className="text-sm text-slate-600">{t("customers.merge.hint")}</p>
      <form method="get" role="search" aria-label={t("customers.merge.find")} className="flex items-end gap-2">
        <Field id="merge-q" name="q" type="search" label={t("customers.merge.find")} defaultValue={q} />
        <Button type="submit" variant="secondary">
          {t("customers.filters.apply")}
        </Button>
      </form>
      {candidates.length === 0 ? (
        <p className="text-sm text-slate-600">{t("customers.merge.noCandidates")}</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm" aria-label={t("customers.merge.candidates")}>
          {candidates.map((c) => (
            <li key={c.id}>
              <Link href={`/customers/${id}/merge?other=${c.id}`} className="text-brand-700 underline">
                #{c.id} {c.name}
              </Link>{" "}
              · {c.region} {c.note ? `· ${c.note}` : ""}
            </li>
          ))}
        </ul>
      )}
      {other ? (
        other.can.delete ? (
          <div className="flex flex-col gap-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <Summary c={customer} title={t("customers.merge.keeps")} />
              <Summary c={other} title={t("customers.merge.goes")} />
            </div>
            <p className="text-sm text-slate-600">{t("customers.merge.explain")}</p>
            <MergeForm survivorId={customer.id} survivorVersion={customer.version} survivorSnapshot={customer.snapshot} mergedId={other.id} mergedName={other.name} />
          </div>
        ) : (
          <p role="alert" className="text-sm text-red-700">
            {t("errors.notAllowed")}
          </p>
        )
      ) : null}
    </div>
  );
}
