/**
 * Lead CSV import: fields, header aliases and the row schema. Reading, mapping and reporting are the
 * import pipeline's (lib/platform/import); the writing is lib/leads/import.ts.
 */
import { z } from "zod";
import { type FieldSpec, MB } from "@/lib/platform/import/field-spec";
import { type LeadInput, leadInputSchema } from "@/lib/leads/schema";

export const LEAD_IMPORT_FIELDS = ["name", "company", "email", "phone", "region", "source", "owner"] as const;
export type LeadImportField = (typeof LEAD_IMPORT_FIELDS)[number];

export type LeadImportRow = Omit<LeadInput, "ownerId"> & { ownerEmail: string | null };

function leadRowSchema(): z.ZodType<LeadImportRow> {
  const fields = leadInputSchema.shape;
  return z
    .object({
      name: fields.name,
      company: fields.company,
      email: fields.email,
      phone: fields.phone,
      region: fields.region,
      source: fields.source,
      owner: z
        .string()
        .trim()
        .toLowerCase()
        .transform((v) => (v ? v : null))
        .pipe(z.email("validation.email").nullable()),
    })
    .transform(({ owner, ...rest }) => ({ ...rest, ownerEmail: owner }));
}

export const leadImportSpec: FieldSpec<LeadImportField, LeadImportRow> = {
  messages: "leadImport",
  fields: LEAD_IMPORT_FIELDS,
  required: ["name", "source"],
  aliases: {
    name: { en: ["name", "full name", "contact", "contact name", "lead", "lead name", "person"], zh: ["姓名", "联系人", "线索", "名称"] },
    company: { en: ["company", "company name", "organisation", "organization", "account"], zh: ["公司", "单位", "公司名称"] },
    email: { en: ["email", "e-mail", "email address", "mail"], zh: ["邮箱", "电子邮件", "电子邮箱"] },
    phone: { en: ["phone", "telephone", "tel", "mobile", "phone number"], zh: ["电话", "手机", "联系电话"] },
    region: { en: ["region", "area", "territory"], zh: ["地区", "区域"] },
    source: { en: ["source", "lead source", "channel"], zh: ["来源", "线索来源"] },
    owner: { en: ["owner", "owner email", "sales rep", "rep"], zh: ["负责人", "销售"] },
  },
  schema: leadRowSchema,
  // A lead is skipped when one the importer can see already has its email, or its name and company.
  duplicateModes: ["skip"],
  limits: { maxBytes: 10 * MB, maxRows: 50_000 },
};

/** The keys by which two leads are the same person: email, else name + company. */
export function leadDuplicateKeys(row: { name: string; company: string | null; email: string | null }): string[] {
  const keys: string[] = [];
  if (row.email) keys.push(`e:${row.email.toLowerCase()}`);
  keys.push(`n:${row.name.trim().toLowerCase()}|${(row.company ?? "").trim().toLowerCase()}`);
  return keys;
}
