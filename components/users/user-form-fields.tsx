"use client";

import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { FormValues } from "@/lib/platform/form-action";
import { Role } from "@/lib/platform/enums";

export type TeamChoice = { id: number; name: string };
export type UserFieldValues = { name: string; role: string; teamId: number | null; skills: string[]; phoneExtension: string | null };

type Props = {
  idPrefix: string;
  teams: TeamChoice[];
  initial: UserFieldValues;
  submitted?: FormValues;
  errors: Record<string, string>;
};

/** The fields a user's create and edit forms share: name, role, team, skills and extension. */
export function UserFormFields({ idPrefix, teams, initial, submitted, errors }: Props) {
  const t = useTranslations();
  const err = (field: string) => (errors[field] ? t(errors[field]) : undefined);
  const value = (field: string, fallback: string) => {
    const v = submitted?.[field];
    return typeof v === "string" ? v : fallback;
  };
  return (
    <>
      <Field id={`${idPrefix}-name`} name="name" label={t("users.admin.fields.name")} defaultValue={value("name", initial.name)} error={err("name")} required maxLength={120} autoComplete="off" />
      <SelectField id={`${idPrefix}-role`} name="role" label={t("users.admin.fields.role")} defaultValue={value("role", initial.role)} error={err("role")}>
        {Object.values(Role).map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${idPrefix}-team`} name="teamId" label={t("users.admin.fields.team")} defaultValue={value("teamId", initial.teamId === null ? "" : String(initial.teamId))} error={err("teamId")}>
        <option value="">{t("users.admin.noTeam")}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <div className="sm:col-span-2">
        <Field id={`${idPrefix}-skills`} name="skills" label={t("users.admin.fields.skills")} defaultValue={value("skills", initial.skills.join(", "))} error={err("skills")} placeholder={t("users.admin.hints.skills")} autoComplete="off" />
      </div>
      <Field
        id={`${idPrefix}-ext`}
        name="phoneExtension"
        label={t("users.admin.fields.phoneExtension")}
        defaultValue={value("phoneExtension", initial.phoneExtension ?? "")}
        error={err("phoneExtension")}
        placeholder={t("users.admin.hints.phoneExtension")}
        inputMode="numeric"
        autoComplete="off"
      />
    </>
  );
}

