/** One labelled figure in a description list (header and scores section). */
export function Stat({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}
