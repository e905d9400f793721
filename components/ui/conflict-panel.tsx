"use client";

import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { ConflictView, FieldValue, Snapshot } from "@/lib/platform/concurrency";
import { Button } from "./button";

/** The version a form edits and the snapshot of the values it was built from (see lib/platform/concurrency.ts). */
export type VersionBase = { version: number; snapshot: Snapshot };

/**
 * The version and snapshot an edit form posts. Normally the record as loaded; after the editor chose
 * to overwrite a conflicting save, the version stored now (so the overwrite is itself a versioned
 * write: a third save in between is refused again). `formRef` goes on the form, `overwrite` on the
 * conflict panel.
 */
export function useVersionBase(loaded: VersionBase | null, conflict: ConflictView | undefined) {
  const [rebased, setRebased] = useState<VersionBase | null>(null);
  const base = loaded && rebased && rebased.version > loaded.version ? rebased : loaded;
  const formRef = useRef<HTMLFormElement>(null);
  /**
   * Saves again over the version stored now. `form`: which form, where several share one result
   * (`formRef`'s by default); `submitter`: the button whose name and value the save needs.
   */
  const overwrite = useCallback(
    (target?: { form?: HTMLFormElement | null; submitter?: HTMLElement | null }) => {
      if (!conflict) return;
      // The hidden inputs must hold the new version before the browser reads the form.
      flushSync(() => setRebased({ version: conflict.version, snapshot: conflict.current }));
      (target?.form ?? formRef.current)?.requestSubmit(target?.submitter ?? undefined);
    },
    [conflict],
  );
  return { base, formRef, overwrite };
}

/** The hidden inputs that carry the version base with a form's values. */
export function VersionFields({ base, names = { version: "version", snapshot: "snapshot" } }: { base: VersionBase | null; names?: { version: string; snapshot: string } }) {
  if (!base) return null;
  return (
    <>
      <input type="hidden" name={names.version} value={base.version} />
      <input type="hidden" name={names.snapshot} value={JSON.stringify(base.snapshot)} />
    </>
  );
}

type Props = {
  conflict: ConflictView;
  /** A field's label, translated. */
  label: (field: string) => string;
  /** How a stored value reads (enum names, owner names, money); undefined: yes/no for a flag, else the text itself. */
  show?: (field: string, value: string) => string | undefined;
  /** What this editor submitted for a field, where the form knows it. */
  yours?: (field: string) => FieldValue | undefined;
  /** Saves this editor's values over the version stored now; omitted where a form cannot offer it. */
  onOverwrite?: () => void;
  /** Reloads the record, discarding this editor's changes; a full page reload by default. */
  onReload?: () => void;
  pending?: boolean;
};

/**
 * The one conflict panel: someone else saved the record while this editor had it open, nothing of
 * this editor's was saved, and these are the fields they changed (what this editor saw, what is
 * stored now, and this editor's value). The editor reloads (keeping theirs) or overwrites
 * deliberately (keeping mine).
 */
export function ConflictPanel({ conflict, label, show, yours, onOverwrite, onReload, pending }: Props) {
  const t = useTranslations("conflictPanel");
  const text = (field: string, value: FieldValue | undefined) => {
    if (value === null || value === undefined || value === "") return t("empty");
    return show?.(field, value) ?? (value === "true" ? t("yes") : value === "false" ? t("no") : value);
  };
  const reload = onReload ?? (() => window.location.reload());
  const withYours = yours !== undefined && conflict.changes.some((c) => yours(c.field) !== undefined);
  return (
    <div role="alert" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="conflict-panel">
      <p className="font-semibold">{t("title")}</p>
      {conflict.changes.length === 0 ? (
        <p className="mt-1">{t("noFields")}</p>
      ) : (
        <table className="mt-2 w-full border-collapse text-left">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr className="border-b border-amber-200 text-xs uppercase tracking-wide text-amber-800">
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("field")}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("old")}
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                {t("theirs")}
              </th>
              {withYours ? (
                <th scope="col" className="py-1 font-medium">
                  {t("yours")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {conflict.changes.map((c) => (
              <tr key={c.field} className="border-b border-amber-100 align-top">
                <th scope="row" className="py-1 pr-3 font-medium">
                  {label(c.field)}
                </th>
                <td className="py-1 pr-3 text-amber-800 line-through decoration-amber-400">{text(c.field, c.old)}</td>
                <td className="py-1 pr-3 font-medium">{text(c.field, c.current)}</td>
                {withYours ? <td className="py-1">{text(c.field, yours?.(c.field))}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => reload()} disabled={pending}>
          {t("reload")}
        </Button>
        {onOverwrite ? (
          <Button variant="danger" onClick={() => onOverwrite()} disabled={pending}>
            {t("overwrite")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
