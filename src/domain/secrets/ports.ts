/**
 * What the words a recorder used stand for, beyond the words themselves ("only drinks red Burgundy"
 * → wine, alcohol, beverage), so a search by meaning finds it. Kept with the secret when recorded.
 */
export interface ConceptExpander {
  /** space-separated concept words for `text`; '' when none are known */
  expand(text: string): Promise<string>
}

export const noConcepts: ConceptExpander = { expand: async () => '' }
