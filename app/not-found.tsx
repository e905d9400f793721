import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-4">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
        <p className="mt-2 text-slate-600">{t("notFoundBody")}</p>
        <Link href="/" className="mt-4 inline-block text-brand-600 underline">
          {t("backHome")}
        </Link>
      </div>
    </main>
  );
}
