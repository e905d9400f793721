/** The lead fields a CSV column can map to (own module: the validation and the CSV code both need it). */
export const LEAD_IMPORT_FIELDS = ["name", "company", "email", "phone", "region", "source", "owner"] as const;
export type LeadImportField = (typeof LEAD_IMPORT_FIELDS)[number];
