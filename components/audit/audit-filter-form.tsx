import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FILTER_CONTROL, FilterField, FilterSelect } from "@/components/ui/filter-field";
import { AUDIT_ACTIONS, AUDIT_ENTITIES, SECURITY_ACTIONS, SIGN_IN_GROUP } from "@/lib/audit/rules/catalogue";

export type AuditFormValues = { user?: string; entity?: string; entityId?: string; action?: string; from?: string; to?: string };

/** The viewer's GET filter form: the URL carries the filters, so a filtered view can be bookmarked and shared. */
export async function AuditFilterForm({
  values,
  errors,
  users,
  showSecurity,
}: {
  values: AuditFormValues;
  errors: Record<string, string>;
  users: { id: number; name: string }[];
  /** Managers never see sign-in or refusal rows: the form does not offer them. */
  showSecurity: boolean;
}) {
  const t = await getTranslations("audit");
  const actions: { value: string; label: string }[] = AUDIT_ACTIONS.filter((a) => showSecurity || !SECURITY_ACTIONS.includes(a)).map((a) => ({ value: a, label: t(`actions.${a}`) }));
  if (showSecurity) actions.unshift({ value: SIGN_IN_GROUP, label: t("filters.signInGroup") });
  const entities: { value: string; label: string }[] = AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`entities.${e}`) }));
  // A type typed into the URL that the list does not know still shows as chosen.
  if (values.entity && !entities.some((e) => e.value === values.entity)) entities.push({ value: values.entity, label: values.entity });
  const error = (field: string) =>
    errors[field] ? (
      <p id={`audit-${field}-error`} className="text-xs text-red-700">
        {t(errors[field].replace(/^audit\./, ""))}
      </p>
    ) : null;
  return (
    <form method="get" action="/admin/audit" className="rounded-lg border border-slate-200 bg-white p-3" aria-label={t("filters.legend")}>
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <FilterSelect id="audit-user" name="user" label={t("filters.user")} value={values.user} anyLabel={t("filters.any")} options={users.map((u) => ({ value: u.id, label: u.name }))} />
          {error("user")}
        </div>
        <div>
          <FilterSelect id="audit-entity" name="entity" label={t("filters.entity")} value={values.entity} anyLabel={t("filters.any")} options={entities} />
          {error("entity")}
        </div>
        <div>
          <FilterField id="audit-entityId" label={t("filters.entityId")}>
            <input
              id="audit-entityId"
              name="entityId"
              defaultValue={values.entityId ?? ""}
              className={`${FILTER_CONTROL} w-28`}
              inputMode="numeric"
              aria-describedby={errors.entityId ? "audit-entityId-error" : "audit-entityId-hint"}
              aria-invalid={errors.entityId ? true : undefined}
            />
          </FilterField>
          <p id="audit-entityId-hint" className="sr-only">
            {t("filters.entityIdHint")}
          </p>
          {error("entityId")}
        </div>
        <div>
          <FilterSelect id="audit-action" name="action" label={t("filters.action")} value={values.action} anyLabel={t("filters.any")} options={actions} />
          {error("action")}
        </div>
        <div>
          <FilterField id="audit-from" label={t("filters.from")}>
            <input id="audit-from" name="from" type="date" defaultValue={values.from ?? ""} className={FILTER_CONTROL} aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "audit-from-error" : undefined} />
          </FilterField>
          {error("from")}
        </div>
        <div>
          <FilterField id="audit-to" label={t("filters.to")}>
            <input id="audit-to" name="to" type="date" defaultValue={values.to ?? ""} className={FILTER_CONTROL} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "audit-to-error" : undefined} />
          </FilterField>
          {error("to")}
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          {t("filters.apply")}
        </button>
        <Link href="/admin/audit" className="px-1 py-1.5 text-sm text-brand-700 underline">
          {t("filters.reset")}
        </Link>
      </div>
    </form>
  );
}
