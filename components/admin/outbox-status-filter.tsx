import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { OutboxStatus } from "@/lib/platform/enums";

/** Status links with counts: plain links, so the filter lives in the URL (`?status=`) and works without JavaScript. */
export async function OutboxStatusFilter({ current, counts }: { current: OutboxStatus | undefined; counts: Record<OutboxStatus, number> }) {
  const t = await getTranslations("mail");
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const choices: { status: OutboxStatus | undefined; label: string; count: number }[] = [
    { status: undefined, label: t("all"), count: total },
    ...Object.values(OutboxStatus).map((status) => ({ status, label: t(`status.${status}`), count: counts[status] })),
  ];
  return (
    <nav aria-label={t("filterLabel")}>
      <ul className="flex flex-wrap gap-2 text-sm">
        {choices.map(({ status, label, count }) => {
          const active = status === current;
          return (
            <li key={status ?? "all"}>
              <Link
                href={status ? `/admin/outbox?status=${status}` : "/admin/outbox"}
                aria-current={active ? "page" : undefined}
                className={cn("inline-block rounded-full border px-3 py-1", active ? "border-brand-700 bg-brand-50 font-medium text-brand-700" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100")}
              >
                {t("withCount", { label, count })}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
