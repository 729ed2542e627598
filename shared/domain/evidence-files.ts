import { z } from 'zod'

/** A file main prepared for the renderer to save (HAR, support bundle): already redacted. */
export const EvidenceFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
})
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>

/**
 * The support bundle, exactly as it will be saved: the renderer shows these files in the
 * preview and saves the same text, so what the user sees is what leaves.
 */
export const SupportBundleSchema = z.object({
  /** The paragraph to paste into a ticket (also at the top of the Markdown file). */
  summary: z.string(),
  /** The whole bundle in one file: environment, profile, timeline, diagnoses, HAR. */
  json: EvidenceFileSchema,
  /** The same for people: summary, environment, timeline, diagnoses, exchanges. */
  markdown: EvidenceFileSchema,
  generatedAt: z.number(),
})
export type SupportBundle = z.infer<typeof SupportBundleSchema>

export const CurlCommandSchema = z.object({
  /** The command, with `$CLIENT_SECRET`-style variables where secrets and tokens go. */
  curl: z.string(),
  variables: z.array(z.string()),
})
