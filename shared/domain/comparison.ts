import { z } from 'zod'
import { RunStatusSchema } from './run'

/**
 * Two runs side by side (sandbox and production, international and US, before and after a
 * change). Values that differ in every run (ports, random state, timestamps) are compared in
 * a normalised form; when only such parts differ the row counts as equal and says so.
 */

export const ComparisonRowSchema = z.object({
  label: z.string(),
  /** Absent: the left run has no such value. */
  left: z.string().optional(),
  right: z.string().optional(),
  equal: z.boolean(),
  /** Equal once normalised: the raw values differ only in what differs by nature (a port, a time). */
  natural: z.boolean().optional(),
  /** Why a row is compared the way it is, e.g. "ports differ by nature". */
  note: z.string().optional(),
})
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>

export const COMPARISON_SECTIONS = ['configuration', 'steps', 'headers', 'tokens', 'scopes', 'outcome'] as const
export const ComparisonSectionIdSchema = z.enum(COMPARISON_SECTIONS)
export type ComparisonSectionId = z.infer<typeof ComparisonSectionIdSchema>

export const ComparisonSectionSchema = z.object({
  id: ComparisonSectionIdSchema,
  title: z.string(),
  rows: z.array(ComparisonRowSchema),
  differences: z.number(),
})
export type ComparisonSection = z.infer<typeof ComparisonSectionSchema>

export const ComparedRunSchema = z.object({
  runId: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  environment: z.string(),
  status: RunStatusSchema,
  createdAt: z.number(),
  source: z.enum(['live', 'history']),
})
export type ComparedRun = z.infer<typeof ComparedRunSchema>

export const ComparisonSchema = z.object({
  left: ComparedRunSchema,
  right: ComparedRunSchema,
  sections: z.array(ComparisonSectionSchema),
  differences: z.number(),
  equalRows: z.number(),
})
export type Comparison = z.infer<typeof ComparisonSchema>
