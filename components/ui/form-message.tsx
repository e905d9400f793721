import { cn } from "./cn";

/** The outcome of a form submit, announced to screen readers: errors as alerts, success politely. */
export function FormMessage({ tone, children, className }: { tone: "error" | "success"; children: React.ReactNode; className?: string }) {
  return tone === "error" ? (
    <p role="alert" className={cn("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800", className)}>
      {children}
    </p>
  ) : (
    <p role="status" className={cn("rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800", className)}>
      {children}
    </p>
  );
}
