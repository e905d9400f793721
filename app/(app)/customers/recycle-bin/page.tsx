import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RestoreButton } from "@/components/customers/restore-button";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listRecycleBin, RECYCLE_DAYS } from "@/lib/customers/mutations";
import { formatDate } from "@/lib/platform/format";

export async function generateMetadata() {
  const t = await getTranslations("customers");
  return { title: t("recycle.title") };
}

export default async function RecycleBinPage() {
  const user = await requireUser();
  if (!can(user, "recycleBin.use")) notFound();
  const t = await getTranslations();
  const rows = await listRecycleBin(user);
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <nav aria-label={t("customers.detail.breadcrumb")} className="text-sm">
        <Link href="/customers" className="text-brand-700 hover:underline">
          {t("customers.list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("customers.recycle.title")}</h1>
      <p className="text-sm text-slate-600">{t("customers.recycle.hint", { days: RECYCLE_DAYS })}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{t("customers.recycle.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("customers.recycle.title")}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("customers.fields.name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("customers.fields.owner")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("customers.recycle.deletedAt")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("customers.recycle.deletedBy")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("customers.recycle.until")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("customers.recycle.restore")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {r.name}
                    <span className="block text-xs font-normal text-slate-500">
                      {t(`enums.kind.${r.kind}`)} · {r.region}
                    </span>
                  </th>
                  <td className="px-3 py-2">{r.ownerName ?? t("customers.unassigned")}</td>
                  <td className="px-3 py-2">{formatDate(r.deletedAt)}</td>
                  <td className="px-3 py-2">{r.deletedByName ?? "—"}</td>
                  <td className="px-3 py-2">{formatDate(r.restorableUntil)}</td>
                  <td className="px-3 py-2">
                    <RestoreButton id={r.id} name={r.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
