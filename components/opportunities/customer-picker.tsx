"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { searchCustomersAction } from "@/lib/opportunities/actions";
import type { CustomerSuggestion } from "@/lib/customers/queries";
import { cn } from "@/components/ui/cn";

type Props = { id: string; name: string; label: string; initial: { id: number; name: string } | null; error?: string; disabled?: boolean };

/**
 * Search-as-you-type over customers (ARIA combobox: arrows move, Enter picks, Escape closes). The
 * chosen id goes in a hidden field, so the form posts an id, never a name to be guessed at.
 */
export function CustomerPicker({ id, name, label, initial, error, disabled }: Props) {
  const t = useTranslations();
  const [picked, setPicked] = useState(initial);
  const [q, setQ] = useState(initial?.name ?? "");
  const [hits, setHits] = useState<CustomerSuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [, startTransition] = useTransition();
  const latest = useRef(0);
  const listId = useId();

  useEffect(() => {
    const term = q.trim();
    const ticket = ++latest.current;
    if (picked && term === picked.name) return;
    const timer = setTimeout(() => {
      if (term.length < 2) {
        setHits([]);
        return;
      }
      startTransition(async () => {
        const result = await searchCustomersAction(term);
        if (ticket === latest.current) {
          setHits(result?.ok ? result.customers : []);
          setActive(0);
          setOpen(true);
        }
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [q, picked]);

  const choose = (hit: CustomerSuggestion | undefined) => {
    if (!hit) return;
    setPicked({ id: hit.id, name: hit.name });
    setQ(hit.name);
    setOpen(false);
  };
  const errorId = `${id}-error`;
  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input type="hidden" name={name} value={picked?.id ?? ""} />
      <input
        id={id}
        role="combobox"
        aria-expanded={open && hits.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && hits[active] ? `${listId}-${hits[active].id}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : `${id}-hint`}
        autoComplete="off"
        disabled={disabled}
        value={q}
        placeholder={t("opportunities.form.customerSearch")}
        onChange={(e) => {
          setQ(e.target.value);
          setPicked(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, hits.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter" && open && hits.length > 0) {
            e.preventDefault();
            choose(hits[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        className={cn("rounded-md border bg-white px-3 py-2 text-sm shadow-sm", error ? "border-red-500" : "border-slate-300")}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {picked ? t("opportunities.form.customerPicked", { name: picked.name }) : t("opportunities.form.customerHint")}
      </p>
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul id={listId} role="listbox" aria-label={label} className={cn("absolute top-[4.5rem] z-20 w-full rounded-md border border-slate-200 bg-white shadow-lg", !(open && hits.length > 0) && "hidden")}>
        {hits.map((h, i) => (
          <li
            key={h.id}
            id={`${listId}-${h.id}`}
            role="option"
            aria-selected={i === active}
            className={cn("cursor-pointer px-3 py-2 text-sm", i === active && "bg-brand-50")}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(h);
            }}
          >
            <span className="font-medium">{h.name}</span> <span className="text-xs text-slate-500">{[h.company, h.region].filter(Boolean).join(" · ")}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
