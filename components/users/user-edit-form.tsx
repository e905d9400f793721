"use client";

import { useTranslations } from "next-intl";
import { useActionState, useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { Button } from "@/components/ui/button";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import type { Snapshot } from "@/lib/platform/concurrency";
import { type UserAdminFormResult, updateUserAction } from "@/lib/users/admin-actions";
import { type TeamChoice, type UserFieldValues, UserFormFields } from "./user-form-fields";

type Props = {
  user: UserFieldValues & { id: number; active: boolean; updatedAt: string; snapshot: Snapshot };
  teams: TeamChoice[];
  isSelf: boolean;
};

type Base = { updatedAt: string; snapshot: Snapshot };

/**
 * One user's edit form. User rows have no version: the `updatedAt` loaded with the page is the token,
 * and after a conflict the editor may overwrite deliberately against the one stored now.
 */
export function UserEditForm({ user, teams, isSelf }: Props) {
  const t = useTranslations();
  const [result, action, pending] = useActionState<UserAdminFormResult, FormData>(updateUserAction, null);
  const conflict = result && !result.ok ? result.conflict : undefined;
  const [rebased, setRebased] = useState<Base | null>(null);
  const loaded: Base = { updatedAt: user.updatedAt, snapshot: user.snapshot };
  const base = rebased && rebased.updatedAt > loaded.updatedAt ? rebased : loaded;
  const formRef = useRef<HTMLFormElement>(null);
  const overwrite = useCallback(() => {
    const stored = conflict?.current.updatedAt;
    if (!conflict || !stored) return;
    const snapshot = Object.fromEntries(Object.entries(conflict.current).filter(([field]) => field !== "updatedAt"));
    flushSync(() => setRebased({ updatedAt: stored, snapshot }));
    formRef.current?.requestSubmit();
  }, [conflict]);
  const errors = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : undefined;
  const activeChecked = submitted ? submitted.active === "on" : user.active;
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="updatedAt" value={base.updatedAt} />
      <input type="hidden" name="snapshot" value={JSON.stringify(base.snapshot)} />
      {result?.message ? <FormMessage tone={result.ok ? "success" : "error"}>{t(result.message)}</FormMessage> : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          label={(field) => t(`users.admin.fields.${field}`)}
          show={(field, value) => (field === "role" ? t(`roles.${value}`) : undefined)}
          onOverwrite={conflict.current.updatedAt ? overwrite : undefined}
          pending={pending}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <UserFormFields idPrefix={`ue-${user.id}`} teams={teams} initial={user} submitted={submitted} errors={errors} />
        <div className="flex flex-col gap-1 sm:col-span-2">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
            <input type="checkbox" name="active" defaultChecked={activeChecked} disabled={isSelf} aria-describedby={`ue-${user.id}-active-hint`} />
            {t("users.admin.fields.active")}
          </label>
          {/* A disabled checkbox is not posted: keep one's own account active. */}
          {isSelf ? <input type="hidden" name="active" value="on" /> : null}
          <p id={`ue-${user.id}-active-hint`} className="text-xs text-slate-500">
            {t("users.admin.hints.active")}
          </p>
          {errors.active ? <p className="text-sm text-red-700">{t(errors.active)}</p> : null}
        </div>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("users.admin.saving") : t("users.admin.save")}
        </Button>
      </div>
    </form>
  );
}
