import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  /** Already translated message shown under the field and announced with it. */
  error?: string;
};

/** A labelled input whose error is tied to it for screen readers (aria-describedby / aria-invalid). */
export function Field({ id, label, error, className, ...props }: FieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cn(
          "rounded-md border bg-white px-3 py-2 text-sm shadow-sm",
          error ? "border-red-500" : "border-slate-300",
          className,
        )}
        {...props}
      />
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
