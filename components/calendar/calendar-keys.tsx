"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Keyboard navigation for the calendar: ← / → previous and next period, T today, D day view,
 * W week view. Ignored while typing in a field or with a modifier held (browser shortcuts win).
 */
export function CalendarKeys({ prev, next, today, day, week }: { prev: string; next: string; today: string; day: string; week: string }) {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName))) return;
      const to = { ArrowLeft: prev, ArrowRight: next, t: today, T: today, d: day, D: day, w: week, W: week }[e.key];
      if (!to) return;
      e.preventDefault();
      router.push(to);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [prev, next, today, day, week, router]);
  return null;
}
