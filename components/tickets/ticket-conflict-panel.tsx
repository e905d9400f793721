"use client";

import { useTranslations } from "next-intl";
import { ConflictPanel } from "@/components/ui/conflict-panel";
import type { ConflictView } from "@/lib/platform/concurrency";

type Props = {
  conflict: ConflictView;
  /** Names for assignee ids, where the form knows them. */
  people?: { id: number; name: string }[];
  onOverwrite?: () => void;
  pending?: boolean;
};

/** The conflict panel with the ticket's field names and its status, priority and category labels. */
export function TicketConflictPanel({ conflict, people = [], onOverwrite, pending }: Props) {
  const t = useTranslations("service");
  const show = (field: string, value: string) => {
    if (field === "status" && t.has(`statuses.${value}`)) return t(`statuses.${value}`);
    if (field === "priority" && t.has(`priorities.${value}`)) return t(`priorities.${value}`);
    if (field === "category" && t.has(`categories.${value}`)) return t(`categories.${value}`);
    if (field === "assigneeId") return people.find((p) => String(p.id) === value)?.name ?? `#${value}`;
    return value;
  };
  return (
    <ConflictPanel
      conflict={conflict}
      label={(f) => (t.has(`fields.${f}`) ? t(`fields.${f}`) : f)}
      show={show}
      onOverwrite={onOverwrite}
      pending={pending}
    />
  );
}
