import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ReplyTemplateDeleteButton } from "@/components/tickets/reply-template-delete-button";
import { Badge } from "@/components/ui/badge";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";
import { inViewerOrder } from "@/lib/tickets/rules/reply-templates";
import type { ReplyTemplateDto } from "@/lib/tickets/templates";

type Props = {
  templates: readonly ReplyTemplateDto[];
  /** The viewer's language: listed first within each category. */
  locale: string;
  /** The template open in the editor, marked in the list. */
  editingId: number | null;
  /** The link to edit one template, keeping the list's filters. */
  editHref: (id: number) => string;
};

/** The templates by category (in the app's category order), then by language. */
export async function ReplyTemplateList({ templates, locale, editingId, editHref }: Props) {
  const t = await getTranslations("service");
  // Categories the app no longer knows still show, after the known ones, so they can be cleaned up.
  const known: readonly string[] = TICKET_CATEGORIES;
  const categories = [...known, ...new Set(templates.map((x) => x.category).filter((c) => !known.includes(c)))];
  const language = (l: string) => (t.has(`templates.locales.${l}`) ? t(`templates.locales.${l}`) : l);
  return (
    <div className="flex flex-col gap-4" data-testid="reply-template-list">
      {categories.map((category) => {
        const inCategory = inViewerOrder(
          templates.filter((x) => x.category === category),
          locale,
        );
        if (inCategory.length === 0) return null;
        const locales = [...new Set(inCategory.map((x) => x.locale))];
        const headingId = `rt-cat-${category}`;
        return (
          <section key={category} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id={headingId} className="text-lg font-semibold">
              {t.has(`categories.${category}`) ? t(`categories.${category}`) : category}
            </h2>
            {locales.map((l) => (
              <div key={l} className="mt-3">
                <h3 className="text-sm font-medium text-slate-500">{language(l)}</h3>
                <ul className="mt-1 divide-y divide-slate-100">
                  {inCategory
                    .filter((x) => x.locale === l)
                    .map((x) => (
                      <li key={x.id} className="flex flex-col gap-2 py-2 sm:flex-row sm:items-start sm:justify-between" data-testid="reply-template-item">
                        <div className="min-w-0">
                          <p className="font-medium text-slate-900" lang={x.locale}>
                            {x.name} {editingId === x.id ? <Badge tone="brand">{t("templates.list.editing")}</Badge> : null}
                          </p>
                          <p className="line-clamp-2 whitespace-pre-line text-sm text-slate-600" lang={x.locale}>
                            {x.body}
                          </p>
                        </div>
                        <div className="flex shrink-0 items-center gap-2">
                          <Link href={editHref(x.id)} className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100" aria-label={t("templates.list.editLabel", { name: x.name })}>
                            {t("templates.list.edit")}
                          </Link>
                          <ReplyTemplateDeleteButton id={x.id} version={x.version} snapshot={x.snapshot} name={x.name} />
                        </div>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
