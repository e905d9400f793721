import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReplyTemplateForm } from "@/components/tickets/reply-template-form";
import { ReplyTemplateList } from "@/components/tickets/reply-template-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { isLocale } from "@/lib/i18n/config";
import { can } from "@/lib/platform/auth/permissions";
import { requireUser } from "@/lib/platform/auth/session";
import { parseIdParam } from "@/lib/platform/id-param";
import { isTicketCategory, TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";
import { REPLY_TEMPLATE_LOCALES } from "@/lib/tickets/rules/reply-templates";
import { getReplyTemplate, listReplyTemplates } from "@/lib/tickets/templates";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("service.templates");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE = "/admin/reply-templates";

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ReplyTemplatesPage({ searchParams }: Props) {
  const user = await requireUser();
  // Convenience only: the data layer refuses anyone without the right itself.
  if (!can(user, "ticket.templates")) notFound();
  const params = await searchParams;
  const rawCategory = one(params.category);
  const rawLocale = one(params.locale);
  const category = rawCategory && isTicketCategory(rawCategory) ? rawCategory : undefined;
  const locale = isLocale(rawLocale) ? rawLocale : undefined;
  const editId = parseIdParam(params.edit);
  const [t, tService, viewerLocale, templates, editing] = await Promise.all([
    getTranslations("service.templates"),
    getTranslations("service"),
    getLocale(),
    listReplyTemplates(user, { category, locale }),
    editId !== null ? getReplyTemplate(user, editId) : Promise.resolve(null),
  ]);
  const filters = new URLSearchParams();
  if (category) filters.set("category", category);
  if (locale) filters.set("locale", locale);
  const listHref = filters.toString() !== "" ? `${PAGE}?${filters.toString()}` : PAGE;
  const editHref = (id: number) => {
    const q = new URLSearchParams(filters);
    q.set("edit", String(id));
    return `${PAGE}?${q.toString()}`;
  };
  const filtered = category !== undefined || locale !== undefined;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      {one(params.saved) === "1" ? <FormMessage tone="success">{t("saved")}</FormMessage> : null}
      {one(params.deleted) === "1" ? <FormMessage tone="success">{t("deleted")}</FormMessage> : null}
      <div className="grid items-start gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="flex flex-col gap-4">
          <form method="get" action={PAGE} aria-label={t("filters.label")} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
            <SelectField id="rt-filter-category" name="category" label={t("fields.category")} defaultValue={category ?? ""}>
              <option value="">{t("filters.allCategories")}</option>
              {TICKET_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {tService(`categories.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField id="rt-filter-locale" name="locale" label={t("fields.locale")} defaultValue={locale ?? ""}>
              <option value="">{t("filters.allLocales")}</option>
              {REPLY_TEMPLATE_LOCALES.map((l) => (
                <option key={l} value={l}>
                  {t(`locales.${l}`)}
                </option>
              ))}
            </SelectField>
            <Button type="submit" variant="secondary">
              {t("filters.apply")}
            </Button>
            {filtered ? (
              <Link href={PAGE} className="py-2 text-sm text-brand-700 hover:underline">
                {t("filters.reset")}
              </Link>
            ) : null}
          </form>
          <p className="text-sm text-slate-600" role="status">
            {t("list.count", { count: templates.length })}
          </p>
          {templates.length === 0 ? (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
              <h2 className="text-lg font-semibold">{filtered ? t("list.emptyFiltered") : t("list.empty")}</h2>
              {filtered ? (
                <Link href={PAGE} className="mt-3 inline-block text-brand-700 underline">
                  {t("filters.reset")}
                </Link>
              ) : (
                <p className="mt-1 text-sm text-slate-600">{t("list.emptyHint")}</p>
              )}
            </div>
          ) : (
            <ReplyTemplateList templates={templates} locale={viewerLocale} editingId={editing?.id ?? null} editHref={editHref} />
          )}
        </div>
        <Card aria-labelledby="rt-editor" className="lg:sticky lg:top-4">
          <h2 id="rt-editor" className="mb-3 text-lg font-semibold">
            {editing ? t("form.edit") : t("form.create")}
          </h2>
          {editId !== null && !editing ? (
            <FormMessage tone="error" className="mb-3">
              {t("form.gone")}
            </FormMessage>
          ) : null}
          {/* Keyed by the record: opening another template starts a fresh form. */}
          <ReplyTemplateForm
            key={editing ? editing.id : "new"}
            template={editing ? { id: editing.id, category: editing.category, locale: editing.locale, name: editing.name, body: editing.body, version: editing.version, snapshot: editing.snapshot } : undefined}
            defaults={{ category, locale: locale ?? (isLocale(viewerLocale) ? viewerLocale : undefined) }}
            cancelHref={listHref}
          />
        </Card>
      </div>
    </div>
  );
}
