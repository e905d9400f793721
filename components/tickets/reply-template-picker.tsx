"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { fillTemplate, type ReplyTemplateValues } from "@/lib/tickets/rules/reply-templates";

/** A template as the reply form offers it (the page sends them in the order to show). */
export type ReplyTemplateOption = { id: number; name: string; locale: string; body: string };

type Props = {
  templates: readonly ReplyTemplateOption[];
  /** This ticket's values for the placeholders. */
  values: ReplyTemplateValues;
  /** Puts the filled-in text in the message box. */
  onPick: (text: string) => void;
};

/** "Use a template": the ticket category's templates, grouped by language, filled in for this ticket when chosen. */
export function ReplyTemplatePicker({ templates, values, onPick }: Props) {
  const t = useTranslations("service.templates");
  const [filled, setFilled] = useState<string | null>(null);
  if (templates.length === 0) return null;
  // Consecutive runs of one language, in the order given (the viewer's language first).
  const groups: { locale: string; items: ReplyTemplateOption[] }[] = [];
  for (const template of templates) {
    const last = groups[groups.length - 1];
    if (last && last.locale === template.locale) last.items.push(template);
    else groups.push({ locale: template.locale, items: [template] });
  }
  const language = (locale: string) => (t.has(`locales.${locale}`) ? t(`locales.${locale}`) : locale);
  return (
    <div className="flex flex-col gap-1">
      {/* No name: the choice itself is not posted, only the text it put in the message box. */}
      <SelectField
        id="tm-template"
        label={t("use.label")}
        hint={t("use.hint")}
        defaultValue=""
        onChange={(event) => {
          const chosen = templates.find((x) => String(x.id) === event.target.value);
          if (!chosen) return;
          onPick(fillTemplate(chosen.body, values));
          setFilled(chosen.name);
        }}
        data-testid="reply-template-select"
      >
        <option value="">{t("use.none")}</option>
        {groups.map((group, i) => (
          <optgroup key={`${group.locale}-${i}`} label={language(group.locale)}>
            {group.items.map((item) => (
              <option key={item.id} value={item.id} lang={group.locale}>
                {item.name}
              </option>
            ))}
          </optgroup>
        ))}
      </SelectField>
      <p role="status" className="min-h-4 text-xs text-slate-600">
        {filled ? t("use.filled", { name: filled }) : null}
      </p>
    </div>
  );
}
