"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import type { Snapshot } from "@/lib/platform/concurrency";
import { TICKET_CATEGORIES } from "@/lib/tickets/rules/categories";
import { REPLY_TEMPLATE_BODY_MAX, REPLY_TEMPLATE_LOCALES, REPLY_TEMPLATE_NAME_MAX, REPLY_TEMPLATE_PLACEHOLDERS } from "@/lib/tickets/rules/reply-templates";
import { type ReplyTemplateFormResult, saveReplyTemplateAction } from "@/lib/tickets/template-actions";

export type ReplyTemplateValuesForEdit = { id: number; category: string; locale: string; name: string; body: string; version: number; snapshot: Snapshot };

type Props = {
  /** The template being edited; absent: a new one. */
  template?: ReplyTemplateValuesForEdit;
  /** A new template's preselected category and language (the list's filter). */
  defaults?: { category?: string; locale?: string };
  /** Where "cancel editing" goes. */
  cancelHref?: string;
};

/** Create or edit one reply template; a stale save shows what the other editor changed. */
export function ReplyTemplateForm({ template, defaults, cancelHref }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<ReplyTemplateFormResult, FormData>(saveReplyTemplateAction, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const submitted = failed?.values;
  const val = (f: string, saved: string | undefined) => submitted?.[f] ?? saved ?? "";
  const conflict = failed?.conflict;
  const { base, formRef, overwrite } = useVersionBase(template ? { version: template.version, snapshot: template.snapshot } : null, conflict);
  const category = (c: string) => (t.has(`service.categories.${c}`) ? t(`service.categories.${c}`) : c);
  const language = (l: string) => (t.has(`service.templates.locales.${l}`) ? t(`service.templates.locales.${l}`) : l);
  return (
    <form ref={formRef} action={action} noValidate className="flex flex-col gap-4" aria-label={template ? t("service.templates.form.edit") : t("service.templates.form.create")}>
      {template ? (
        <>
          <input type="hidden" name="id" value={template.id} />
          <VersionFields base={base} />
        </>
      ) : null}
      {failed?.message ? <FormMessage tone="error">{t(failed.message)}</FormMessage> : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          label={(f) => t(`service.templates.fields.${f}`)}
          show={(f, v) => (f === "category" ? category(v) : f === "locale" ? language(v) : undefined)}
          yours={(f) => submitted?.[f]}
          onOverwrite={overwrite}
          pending={pending}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id="rt-category" name="category" label={t("service.templates.fields.category")} defaultValue={val("category", template?.category ?? defaults?.category)} error={err("category")} required>
          <option value="">{t("service.templates.form.chooseCategory")}</option>
          {TICKET_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {category(c)}
            </option>
          ))}
        </SelectField>
        <SelectField id="rt-locale" name="locale" label={t("service.templates.fields.locale")} defaultValue={val("locale", template?.locale ?? defaults?.locale)} error={err("locale")} required>
          <option value="">{t("service.templates.form.chooseLocale")}</option>
          {REPLY_TEMPLATE_LOCALES.map((l) => (
            <option key={l} value={l}>
              {language(l)}
            </option>
          ))}
        </SelectField>
      </div>
      <Field id="rt-name" name="name" label={t("service.templates.fields.name")} defaultValue={val("name", template?.name)} error={err("name")} required maxLength={REPLY_TEMPLATE_NAME_MAX} autoComplete="off" />
      <TextareaField
        id="rt-body"
        name="body"
        rows={12}
        required
        maxLength={REPLY_TEMPLATE_BODY_MAX}
        label={t("service.templates.fields.body")}
        hint={t("service.templates.form.bodyHint")}
        defaultValue={val("body", template?.body)}
        error={err("body")}
      />
      <div className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="reply-template-placeholders">
        <p className="font-medium text-slate-700">{t("service.templates.form.placeholdersTitle")}</p>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {REPLY_TEMPLATE_PLACEHOLDERS.map((p) => (
            <div key={p} className="contents">
              <dt>
                {/* Built here, not in a message: braces are ICU syntax in next-intl. */}
                <code className="rounded bg-white px-1 text-slate-900">{`{${p}}`}</code>
              </dt>
              <dd className="text-slate-600">{t(`service.templates.form.placeholders.${p}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-slate-500">{t("service.templates.form.otherBraces")}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? t("service.templates.form.saving") : t("service.templates.form.save")}
        </Button>
        {template && cancelHref ? (
          <Link href={cancelHref} className="text-sm text-brand-700 hover:underline">
            {t("service.templates.form.cancel")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
