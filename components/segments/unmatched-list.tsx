"use client";

import { useTranslations } from "next-intl";

/** The CSV values that matched no customer the user may read: shown, so the list can be corrected. */
export function UnmatchedList({ values }: { values: string[] }) {
  const t = useTranslations("segments");
  return (
    <div role="status" className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900" data-testid="unmatched">
      <p className="font-medium">{t("csv.unmatched", { count: values.length })}</p>
      <p className="mt-1 break-words font-mono text-xs">{values.slice(0, 50).join(", ")}</p>
      {values.length > 50 ? <p className="text-xs">{t("csv.unmatchedMore", { count: values.length - 50 })}</p> : null}
    </div>
  );
}
