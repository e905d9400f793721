"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { refreshSegmentAction, type SegmentFormResult } from "@/lib/segments/actions";

/** Re-evaluates a dynamic segment now and says what changed (members, joined, left). */
export function RefreshForm({ id }: { id: number }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const [state, action, pending] = useActionState<SegmentFormResult, FormData>(refreshSegmentAction, null);
  return (
    <form action={action} className="flex flex-col items-start gap-2" aria-label={t("detail.refresh")}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-busy={pending}>
        {pending ? t("detail.refreshing") : t("detail.refresh")}
      </Button>
      {state?.ok ? (
        <FormMessage tone="success" className="text-xs">
          {t("saved.members", { count: state.memberCount ?? 0, joined: state.joined ?? 0, left: state.left ?? 0 })}
        </FormMessage>
      ) : null}
      {state && !state.ok ? <FormMessage tone="error">{tAll(state.message ?? "errors.unexpected")}</FormMessage> : null}
    </form>
  );
}
