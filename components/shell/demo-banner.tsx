import { getTranslations } from "next-intl/server";
import { demoDataInUse } from "@/lib/platform/db/demo-data-in-use";

/**
 * Says, on every page, that this is the demo company: its users' password is in the README, so
 * nothing real belongs here. Shown for as long as the demo data is in the database.
 */
export async function DemoBanner() {
  if (!(await demoDataInUse())) return null;
  const t = await getTranslations("demoBanner");
  return (
    <div role="note" data-testid="demo-banner" className="border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-center text-sm text-amber-900">
      <strong className="font-semibold">{t("label")}:</strong> {t("text")}
    </div>
  );
}
