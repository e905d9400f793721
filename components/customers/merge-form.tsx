"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConflictPanel, useVersionBase, VersionFields } from "@/components/ui/conflict-panel";
import { FormMessage } from "@/components/ui/form-message";
import { type CustomerFormResult, mergeCustomersAction } from "@/lib/customers/actions";
import type { Snapshot } from "@/lib/platform/concurrency";

type Props = { survivorId: number; survivorVersion: number; survivorSnapshot: Snapshot; mergedId: number; mergedName: string };

/** The merge is refused when the survivor changed since this page showed it; the panel says what changed. */
export function MergeForm({ survivorId, survivorVersion, survivorSnapshot, mergedId, mergedName }: Props) {
  const t = useTranslations();
  const [state, action, pending] = useActionState<CustomerFormResult, FormData>(mergeCustomersAction, null);
  const conflict = state && !state.ok ? state.conflict : undefined;
  const { base, formRef, overwrite } = useVersionBase({ version: survivorVersion, snapshot: survivorSnapshot }, conflict);
  return (
    <form ref={formRef} action={action} className="flex flex-col gap-2">
      <input type="hidden" name="survivorId" value={survivorId} />
      <VersionFields base={base} names={{ version: "survivorVersion", snapshot: "survivorSnapshot" }} />
      <input type="hidden" name="mergedId" value={mergedId} />
      {state && !state.ok && state.message ? <FormMessage tone="error">{t(state.message)}</FormMessage> : null}
      {conflict ? <ConflictPanel conflict={conflict} label={(f) => t(`customers.fields.${f}`)} onOverwrite={overwrite} pending={pending} /> : null}
      <div>
        <Button type="submit" variant="danger" disabled={pending}>
          {t("customers.merge.confirm", { name: mergedName })}
        </Button>
      </div>
    </form>
  );
}
