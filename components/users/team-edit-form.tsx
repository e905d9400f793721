"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase } from "@/components/ui/conflict-panel";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import type { Snapshot } from "@/lib/platform/concurrency";
import { type TeamFormResult, updateTeamAction } from "@/lib/users/team-actions";

type Props = {
  team: { id: number; name: string; managerId: number | null; version: number; snapshot: Snapshot; managerChoices: { id: number; name: string }[] };
};

/** Renames a team and names (or clears) its manager, saved at the version the page loaded. */
export function TeamEditForm({ team }: Props) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<TeamFormResult, FormData>(updateTeamAction, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version: team.version, snapshot: team.snapshot }, conflict);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  const prefix = `te-${team.id}`;
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="id" value={team.id} />
      <input type="hidden" name="version" value={base?.version ?? team.version} />
      <input type="hidden" name="snapshot" value={JSON.stringify(base?.snapshot ?? team.snapshot)} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={(field) => t(`users.teams.fields.${field}`)} onOverwrite={overwrite} pending={pending} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${prefix}-name`} name="name" label={t("users.teams.fields.name")} defaultValue={typeof submitted?.name === "string" ? submitted.name : team.name} error={errors.name ? t(errors.name) : undefined} required maxLength={80} />
        <SelectField
          id={`${prefix}-manager`}
          name="managerId"
          label={t("users.teams.fields.managerId")}
          hint={t("users.teams.managerHint")}
          defaultValue={typeof submitted?.managerId === "string" ? submitted.managerId : team.managerId === null ? "" : String(team.managerId)}
          error={errors.managerId ? t(errors.managerId) : undefined}
        >
          <option value="">{t("users.teams.noManager")}</option>
          {team.managerChoices.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("users.admin.saving") : t("users.teams.save")}
        </Button>
      </div>
    </form>
  );
}
