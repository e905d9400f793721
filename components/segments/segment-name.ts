/** A minimal translator: next-intl's `t` from getTranslations() or useTranslations(), both fit. */
type Translate = { (key: string): string; has: (key: string) => boolean };

/**
 * A segment's display name: built-ins are stored with an English name and translated by their key
 * (`segments.builtIn.<builtInKey>`); everyone else's name is what they typed.
 */
export function segmentName(t: Translate, segment: { name: string; builtInKey: string | null }): string {
  const key = segment.builtInKey ? `segments.builtIn.${segment.builtInKey}` : null;
  return key && t.has(key) ? t(key) : segment.name;
}

/** A segment's description, translated for built-ins like their name. */
export function segmentDescription(t: Translate, segment: { description: string | null; builtInKey: string | null }): string | null {
  const key = segment.builtInKey ? `segments.builtInDescription.${segment.builtInKey}` : null;
  return key && t.has(key) ? t(key) : segment.description;
}
