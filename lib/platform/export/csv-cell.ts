/**
 * CSV cells that are safe to open in a spreadsheet. Excel, LibreOffice and Google Sheets run a cell
 * that starts with `=`, `+`, `-` or `@` as a formula (and a leading tab or carriage return can hide
 * one), so a customer named `=HYPERLINK("http://evil", "click")` would become a live link, or worse,
 * in whoever opens the export. Such a value gets a leading apostrophe: the spreadsheet shows it as
 * text, and a person reading the file sees the value unchanged after the apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell's text: dates as ISO instants, null as empty, everything neutralised. */
export function csvCell(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return neutraliseFormula(String(value));
}
