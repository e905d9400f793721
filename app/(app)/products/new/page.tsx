import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/products/product-form";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { listCategories } from "@/lib/products/mutations";

export async function generateMetadata() {
  const t = await getTranslations("products");
  return { title: t("form.create") };
}

export default async function NewProductPage() {
  const user = await requireUser();
  if (!can(user, "product.edit")) notFound();
  const t = await getTranslations("products");
  const categories = await listCategories(user);
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <nav aria-label={t("form.breadcrumb")} className="text-sm">
        <Link href="/products" className="text-brand-700 hover:underline">
          {t("list.title")}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("form.create")}</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <ProductForm categories={categories} />
      </div>
    </div>
  );
}
