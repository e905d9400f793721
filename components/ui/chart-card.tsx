import type { ReactNode } from "react";
import { Card } from "./card";

/**
 * A chart with its accessible alternative: the chart is decoration for sighted users, the same
 * figures are always available as a real table behind a disclosure (and to screen readers).
 */
export function ChartCard({
  id,
  title,
  description,
  tableLabel,
  chart,
  table,
  empty,
}: {
  id: string;
  title: string;
  description?: string;
  tableLabel: string;
  chart: ReactNode;
  table: ReactNode;
  /** Shown instead of chart and table when there is nothing to plot. */
  empty?: string | null;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} className="flex flex-col gap-3">
      <div>
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      </div>
      {empty ? (
        <p className="rounded-md bg-slate-50 p-6 text-center text-sm text-slate-600">{empty}</p>
      ) : (
        <>
          <div aria-hidden="true">{chart}</div>
          <details className="text-sm">
            <summary className="cursor-pointer text-brand-700 hover:underline">{tableLabel}</summary>
            <div className="mt-2 overflow-x-auto">{table}</div>
          </details>
        </>
      )}
    </Card>
  );
}
