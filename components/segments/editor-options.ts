/** What the rule editor offers in its pickers (the data layer's editorOptions). */
export type { EditorOptions } from "@/lib/segments/queries";
