"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { globalSearchAction } from "@/lib/search/actions";
import type { SearchHit } from "@/lib/search/queries";

const DEBOUNCE_MS = 150;

/**
 * Ctrl/Cmd+K opens a search over customers, contacts, leads, opportunities and tickets. Built on the
 * Radix dialog (focus trap, Escape, focus return) with the ARIA combobox pattern: arrow keys move the
 * active option, Enter opens it.
 */
export function CommandPalette() {
  const t = useTranslations();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [pending, startTransition] = useTransition();
  const latest = useRef(0);
  const listId = useId();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const term = q.trim();
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      if (term.length < 2) {
        setHits([]);
        return;
      }
      startTransition(async () => {
        const result = await globalSearchAction(term);
        // Answers can arrive out of order; only the newest term's answer counts.
        if (ticket === latest.current) {
          setHits(result?.ok ? result.hits : []);
          setActive(0);
        }
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);

  const go = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    setQ("");
    router.push(hit.href);
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
        <Search aria-hidden className="size-4" />
        <span>{t("search.open")}</span>
        <kbd className="rounded border border-slate-300 px-1 text-xs">Ctrl K</kbd>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-24 z-50 w-[36rem] max-w-[92vw] -translate-x-1/2 rounded-lg bg-white p-3 shadow-xl" aria-describedby={undefined}>
          <Dialog.Title className="sr-only">{t("search.title")}</Dialog.Title>
          <input
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
            aria-label={t("search.label")}
            autoComplete="off"
            placeholder={t("search.placeholder")}
            className="w-full rounded-md border border-slate-300 px-3 py-2"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "ArrowDown") {
                e.preventDefault();
                setActive((i) => Math.min(hits.length - 1, i + 1));
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                setActive((i) => Math.max(0, i - 1));
              } else if (e.key === "Enter") {
                e.preventDefault();
                go(hits[active]);
              }
            }}
          />
          <p className="sr-only" role="status">
            {q.trim().length >= 2 && !pending ? t("search.count", { count: hits.length }) : ""}
          </p>
          <ul id={listId} role="listbox" aria-label={t("search.results")} className="mt-2 max-h-96 overflow-y-auto">
            {hits.map((hit, i) => (
              <li
                key={`${hit.kind}-${hit.id}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`cursor-pointer rounded px-3 py-2 text-sm ${i === active ? "bg-brand-50" : ""}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(hit)}
              >
                <span className="mr-2 text-xs uppercase text-slate-500">{t(`search.kinds.${hit.kind}`)}</span>
                <span className="font-medium">{hit.title}</span>
                {hit.detail ? <span className="block text-xs text-slate-500">{hit.detail}</span> : null}
              </li>
            ))}
          </ul>
          {q.trim().length >= 2 && !pending && hits.length === 0 ? <p className="px-3 py-2 text-sm text-slate-600">{t("search.none")}</p> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
