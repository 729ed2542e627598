/** What we know about one kind of failure before looking at any run. */
export interface CatalogEntry {
  title: string
  /** What the failure means, in one or two sentences of our own. */
  meaning: string
  /** Causes to list when the evidence does not single one out, most common first. */
  causes: { id: string; text: string }[]
  fixes: string[]
  /** The step a fresh attempt should start from. */
  restartFrom?: string
}
