import { z } from "zod";

/**
 * How the settings forms post their fields (all text), turned into the values the rules' schemas
 * judge (lib/settings/rules/general-settings.ts). Nothing is refused here except what could not
 * have come from the form: a value the rules refuse comes back as that field's message.
 */

/** A text input: anything missing reads as blank. */
const text = () => z.unknown().transform((v) => (typeof v === "string" ? v.trim() : ""));

/** A whole number typed in a text box; anything else becomes NaN, which the rules refuse on the field. */
const wholeNumber = () => text().transform((v) => (/^-?\d{1,9}$/.test(v) ? Number(v) : Number.NaN));

export const regionalForm = z.object({
  currency: text(),
  // "" is "each person's browser language" (no company default).
  locale: text().transform((v) => (v === "" ? null : v)),
});

export const pipelineForm = z.object({ staleDays: wholeNumber() });

export const quotesForm = z.object({ discountApprovalPct: text().transform((v) => v.replace(/%$/, "").trim()) });

export const recycleBinForm = z.object({ retentionDays: wholeNumber() });
