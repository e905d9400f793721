import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { WizardConfig } from "@/lib/platform/import/field-spec";
import { ImportWizard } from "./import-wizard";

/**
 * The page around the import wizard, the same for every import: a way back, the import's title and
 * what it does (`<messages>.title`, `<messages>.intro`). The page checks the right before rendering.
 */
export async function ImportPage({ back, config }: { back: { href: string; label: string; breadcrumb: string }; config: WizardConfig }) {
  const t = await getTranslations();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <nav aria-label={t(back.breadcrumb)} className="text-sm">
        <Link href={back.href} className="text-brand-700 hover:underline">
          {t(back.label)}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t(`${config.messages}.title`)}</h1>
      <p className="text-sm text-slate-600">{t(`${config.messages}.intro`)}</p>
      <ImportWizard config={config} />
    </div>
  );
}
