import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

type Common = { id: string; label: string; error?: string; hint?: string };

function Described({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** A labelled select whose error is announced with it (aria-describedby / aria-invalid). */
export function SelectField({ id, label, error, hint, className, children, ...props }: Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cn("rounded-md border bg-white px-3 py-2 text-sm shadow-sm", error ? "border-red-500" : "border-slate-300", className)}
        {...props}
      >
        {children}
      </select>
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextareaField({ id, label, error, hint, className, ...props }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cn("rounded-md border bg-white px-3 py-2 text-sm shadow-sm", error ? "border-red-500" : "border-slate-300", className)}
        {...props}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}
