"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { TierBadge } from "@/components/customers/tier-badge";
import { type PreviewResult, previewSegmentAction, type SegmentPreview } from "@/lib/segments/actions";
import { formatMoney } from "@/lib/platform/format";
import type { RuleIssue } from "@/lib/segments/rules/rule";
import { useIssueText } from "./rule-editor";

/** How long the editor must be still before the preview asks the server again. */
export const PREVIEW_DEBOUNCE_MS = 400;

type State = { preview: SegmentPreview | null; issues: RuleIssue[]; error: string | null };

/**
 * The live preview: member count, the change against the saved members (+joining / −leaving) and a
 * sample, for the rule as it is being edited. Asks after a pause in editing; an older answer arriving
 * after a newer question is dropped; while a new answer is on its way the last one stays, marked as
 * out of date. A rule with problems is not sent at all (the editor already shows what to fix).
 */
export function PreviewPanel({ ruleJson, valid, segmentId, savedCount }: { ruleJson: string; valid: boolean; segmentId: number | null; savedCount: number | null }) {
  const t = useTranslations("segments");
  const tAll = useTranslations();
  const issueText = useIssueText();
  const [state, setState] = useState<State>({ preview: null, issues: [], error: null });
  const [loading, setLoading] = useState(false);
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const sequence = useRef(0);

  useEffect(() => {
    if (!valid) return;
    const mine = ++sequence.current;
    const timer = setTimeout(() => {
      setLoading(true);
      previewSegmentAction({ rule: ruleJson, segmentId: segmentId ?? "" })
        .then((result: PreviewResult) => {
          if (mine !== sequence.current) return;
          if (result?.ok) setState({ preview: result.preview, issues: [], error: null });
          else setState((prev) => ({ preview: prev.preview, issues: result?.issues ?? [], error: result?.issues?.length ? null : (result?.message ?? "errors.unexpected") }));
          setAskedFor(ruleJson);
        })
        .catch(() => {
          if (mine === sequence.current) setState((prev) => ({ ...prev, error: "segments.preview.failed" }));
        })
        .finally(() => {
          if (mine === sequence.current) setLoading(false);
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [ruleJson, valid, segmentId]);

  const stale = state.preview !== null && (loading || askedFor !== ruleJson || !valid);
  const p = state.preview;
  return (
    <Card aria-labelledby="preview-title" className="flex flex-col gap-3" data-testid="segment-preview">
      <div className="flex items-center justify-between gap-2">
        <h2 id="preview-title" className="text-base font-semibold">
          {t("preview.title")}
        </h2>
        <span role="status" aria-live="polite" className="text-xs text-slate-500">
          {loading ? (
            <span className="inline-flex items-center gap-1">
              <span className="h-3 w-3 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden="true" />
              {t("preview.loading")}
            </span>
          ) : !valid ? (
            t("preview.fixFirst")
          ) : null}
        </span>
      </div>
      {state.error ? <p className="text-sm text-red-700">{tAll.has(state.error) ? tAll(state.error) : state.error}</p> : null}
      {state.issues.length > 0 ? (
        <ul className="text-sm text-red-700">
          {state.issues.map((issue, i) => (
            <li key={i}>{issueText(issue)}</li>
          ))}
        </ul>
      ) : null}
      {p === null ? (
        <p className="text-sm text-slate-600">{valid ? t("preview.waiting") : t("preview.empty")}</p>
      ) : (
        <div className={cn("flex flex-col gap-3 transition-opacity", stale && "opacity-60")} aria-busy={stale || undefined}>
          {stale ? <p className="text-xs font-medium text-amber-700">{t("preview.stale")}</p> : null}
          <p className="text-3xl font-semibold tabular-nums" data-testid="preview-count">
            {t("preview.count", { count: p.count })}
          </p>
          {p.saved ? (
            <p className="text-sm text-slate-700" data-testid="preview-diff">
              {t("preview.diff", { saved: p.saved.count, joining: p.saved.joining, leaving: p.saved.leaving })}
            </p>
          ) : savedCount !== null ? (
            <p className="text-sm text-slate-600">{t("preview.savedCount", { count: savedCount })}</p>
          ) : null}
          {p.sample.length === 0 ? (
            <p className="text-sm text-slate-600">{t("preview.noMembers")}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("preview.sampleCaption")}</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-2">
                    {t("preview.customer")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("preview.region")}
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    {t("preview.tier")}
                  </th>
                  <th scope="col" className="py-1 text-right">
                    {t("preview.clv")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.sample.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100">
                    <td className="py-1 pr-2">
                      <Link href={`/customers/${c.id}`} className="text-brand-700 hover:underline">
                        {c.name}
                      </Link>
                    </td>
                    <td className="py-1 pr-2">{c.region}</td>
                    <td className="py-1 pr-2">
                      <TierBadge tier={c.tier} />
                    </td>
                    <td className="py-1 text-right tabular-nums">{formatMoney(c.predictedClv)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Card>
  );
}
