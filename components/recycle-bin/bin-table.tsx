import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PurgeNowButton } from "@/components/recycle-bin/purge-now-button";
import { RestoreButton } from "@/components/recycle-bin/restore-button";
import { Badge } from "@/components/ui/badge";
import type { BinItem } from "@/lib/recycle-bin/queries";
import { RecordTable } from "@/components/ui/record-table";

/** One row per deleted record: what it is, whose, who deleted it when, how long until the purge, and what can be done. */
export async function BinTable({ items, timeZone }: { items: BinItem[]; timeZone: string }) {
  const t = await getTranslations("recycleBin");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "short" });
  const day = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium" });
  return (
    <RecordTable
      caption={t("title")}
      columns={[
        { key: "name", header: t("columns.name") },
        { key: "type", header: t("columns.type") },
        { key: "owner", header: t("columns.owner") },
        { key: "deletedAt", header: t("columns.deletedAt") },
        { key: "deletedBy", header: t("columns.deletedBy") },
        { key: "purge", header: t("columns.purge") },
        { key: "actions", header: t("columns.actions") },
      ]}
    >
    <tbody>
      {items.map((item) => (
        <tr key={`${item.type}-${item.id}`} className="border-t border-slate-100 align-top" data-testid="bin-row">
          <th scope="row" className="px-3 py-2 font-medium">
            {item.name}
            {item.type === "Contact" ? (
              <span className="block text-xs font-normal text-slate-500">
                {t("contactOf", { customer: item.customerName })}
              </span>
            ) : null}
          </th>
          <td className="px-3 py-2">
            <Badge tone={item.type === "Customer" ? "brand" : "neutral"}>{t(`types.${item.type}`)}</Badge>
          </td>
          <td className="px-3 py-2">{item.ownerName ?? t("unassigned")}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            <time dateTime={item.deletedAt.toISOString()}>{when(item.deletedAt)}</time>
          </td>
          <td className="px-3 py-2">{item.deletedByName ?? t("unknown")}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            {t("daysLeft", { days: item.daysUntilPurge })}
            <span className="block text-xs text-slate-500">{t("purgeOn", { date: day(item.purgeDueAt) })}</span>
          </td>
          <td className="px-3 py-2">
            <div className="flex flex-wrap items-start gap-2">
              {item.restoreBlock === null ? (
                <RestoreButton type={item.type} id={item.id} name={item.name} />
              ) : (
                <p className="max-w-xs text-xs text-slate-600">
                  {item.restoreBlock === "merged" && item.mergedIntoId !== null ? (
                    <>
                      {t("blocked.merged", { id: item.mergedIntoId })}{" "}
                      <Link href={`/customers/${item.mergedIntoId}`} className="text-brand-700 underline">
                        #{item.mergedIntoId}
                      </Link>
                    </>
                  ) : (
                    t(`blocked.${item.restoreBlock}`)
                  )}
                </p>
              )}
              {item.canPurge ? <PurgeNowButton type={item.type} id={item.id} name={item.name} /> : null}
            </div>
          </td>
        </tr>
      ))}
    </tbody>
    </RecordTable>
  );
}
