"use client";

import { useTranslations } from "next-intl";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import type { ConflictView, FieldValue } from "@/lib/platform/concurrency";

type Props = { conflict: ConflictView; onOverwrite?: () => void; yours?: (field: string) => FieldValue | undefined; pending?: boolean };

/** The conflict panel with the lead's field names and status labels (every lead form shows the same fields' changes). */
export function LeadConflictPanel({ conflict, onOverwrite, yours, pending }: Props) {
  const t = useTranslations();
  return (
    <ConflictPanel
      conflict={conflict}
      label={(f) => t(`leads.fields.${f}`)}
      show={(f, v) => (f === "status" ? t(`leads.statuses.${v}`) : v)}
      yours={yours}
      onOverwrite={onOverwrite}
      pending={pending}
    />
  );
}
