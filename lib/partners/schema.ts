import { z } from "zod";
import { emailField, optionalText } from "@/lib/platform/form-fields";

export const partnerInputSchema = z.object({
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  region: optionalText(100),
  contactName: optionalText(200),
  email: emailField(),
  active: z.boolean(),
});
export type PartnerInput = z.infer<typeof partnerInputSchema>;

/** The partner report's period from the URL (YYYY-MM-DD, `to` inclusive); bad or missing values fall back to the year of `now`. */
export type ReportPeriod = { from: Date; to: Date };

export function parseReportPeriod(params: Record<string, string | string[] | undefined>, now: Date): { from: string; to: string; period: ReportPeriod } {
  const read = (key: string): string | null => {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
    const d = new Date(`${s}T00:00:00.000Z`);
    return Number.isNaN(d.getTime()) ? null : s;
  };
  let from = read("from") ?? `${now.getUTCFullYear()}-01-01`;
  let to = read("to") ?? `${now.getUTCFullYear()}-12-31`;
  if (from > to) [from, to] = [to, from];
  const start = new Date(`${from}T00:00:00.000Z`);
  // `to` is a whole day: the period ends at the start of the next one.
  const end = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000);
  return { from, to, period: { from: start, to: end } };
}
