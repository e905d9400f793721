import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChangeTable } from "@/components/audit/change-table";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AuditEntry } from "@/lib/audit/queries";
import { AUDIT_ACTIONS, AUDIT_ENTITIES, recordHref, SECURITY_ACTIONS } from "@/lib/audit/rules/catalogue";
import { RecordTable } from "@/components/ui/record-table";

const KNOWN_ACTIONS = new Set<string>(AUDIT_ACTIONS);
const KNOWN_ENTITIES = new Set<string>(AUDIT_ENTITIES);

function toneOf(action: string): BadgeTone {
  if ((SECURITY_ACTIONS as readonly string[]).includes(action)) return action === "LOGIN" ? "brand" : "red";
  if (action === "DELETE" || action === "PURGE") return "red";
  if (action === "CREATE" || action === "RESTORE") return "green";
  return "neutral";
}

/** One row per entry: time (viewer's zone and locale), who, action, the record (linked when it has a page), before/after. */
export async function AuditTable({ entries, timeZone }: { entries: AuditEntry[]; timeZone: string }) {
  const t = await getTranslations("audit");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { timeZone, dateStyle: "medium", timeStyle: "medium" });
  const entityName = (entity: string) => (KNOWN_ENTITIES.has(entity) ? t(`entities.${entity}`) : entity);
  return (
    <RecordTable
      caption={t("title")}
      columns={[
        { key: "at", header: t("columns.at") },
        { key: "user", header: t("columns.user") },
        { key: "action", header: t("columns.action") },
        { key: "record", header: t("columns.record") },
        { key: "changes", header: t("columns.changes") },
      ]}
    >
    <tbody>
      {entries.map((e) => {
        const href = recordHref(e.entity, e.entityId);
        const label = e.entityId ? t("recordName", { entity: entityName(e.entity), id: e.entityId }) : entityName(e.entity);
        return (
          <tr key={e.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
            <td className="px-3 py-2 whitespace-nowrap">
              <time dateTime={e.at.toISOString()}>{when(e.at)}</time>
            </td>
            <td className="px-3 py-2">
              {e.userName ?? t("system")}
              {e.ip ? <span className="block text-xs text-slate-500">{e.ip}</span> : null}
            </td>
            <td className="px-3 py-2 whitespace-nowrap">
              <Badge tone={toneOf(e.action)}>{KNOWN_ACTIONS.has(e.action) ? t(`actions.${e.action}`) : e.action}</Badge>
            </td>
            <td className="px-3 py-2">
              {href ? (
                <Link href={href} className="text-brand-700 underline">
                  {label}
                </Link>
              ) : (
                label
              )}
            </td>
            <td className="px-3 py-2 w-1/2">
              <ChangeTable entryId={e.id} changes={e.changes} />
            </td>
          </tr>
        );
      })}
    </tbody>
    </RecordTable>
  );
}
