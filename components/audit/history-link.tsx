import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { historyHref } from "@/lib/audit/rules/catalogue";

/** "History": the record's entries in the audit log. The caller shows it only to people who may read the log. */
export async function HistoryLink({ entity, id }: { entity: string; id: number }) {
  const t = await getTranslations("audit");
  return (
    <Button variant="secondary" asChild>
      <Link href={historyHref(entity, id)} aria-label={t("historyLabel")} data-testid="history-link">
        {t("history")}
      </Link>
    </Button>
  );
}
