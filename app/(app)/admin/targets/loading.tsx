import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="mx-auto flex max-w-6xl flex-col gap-6">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-10 w-96 animate-pulse rounded bg-slate-200" />
      <div className="h-80 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}
