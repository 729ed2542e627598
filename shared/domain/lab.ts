import { z } from 'zod'
import { DiagnosisSchema } from './diagnosis'

/**
 * The scenario lab: named failures the tester provokes on purpose, each with the diagnosis it
 * must arrive at. Against the embedded servers the lab checks the tester's own explanations;
 * against a user's profile it checks that their server refuses what it should.
 */

/** Where a scenario runs: the embedded OIDC sandbox, the vendor simulator, or a user's profile. */
export const LabTargetKindSchema = z.enum(['embedded-sandbox', 'vendor-simulator', 'profile'])
export type LabTargetKind = z.infer<typeof LabTargetKindSchema>

export const LabExpectationSchema = z.object({
  /** Catalog id of the diagnosis, e.g. `code.reused`. */
  code: z.string(),
  /** Id of the cause that must come first, when one is proven by the evidence. */
  cause: z.string().optional(),
  /** Labels of the evidence the top cause must carry, e.g. "redirect_uri at token". */
  evidence: z.array(z.string()),
})
export type LabExpectation = z.infer<typeof LabExpectationSchema>

export const ScenarioInfoSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** What it does wrong, in one sentence. */
  fault: z.string(),
  group: z.enum(['standard', 'vendor', 'tester']),
  /** The step the fault is injected at. */
  step: z.string(),
  targets: z.array(LabTargetKindSchema),
  expected: LabExpectationSchema,
  /** Against a user's server: what it should do ("refuse the reused code"). */
  serverShould: z.string().optional(),
  /** The scenario needs a sign-in (a browser for a user's profile). */
  needsLogin: z.boolean(),
  /** The scenario runs on the lab's own clock, which jumps instead of waiting. */
  fakeClock: z.boolean(),
})
export type ScenarioInfo = z.infer<typeof ScenarioInfoSchema>

export const LabStatusSchema = z.enum(['pending', 'running', 'pass', 'fail', 'error', 'skipped'])
export type LabStatus = z.infer<typeof LabStatusSchema>

export const LabResultSchema = z.object({
  scenarioId: z.string(),
  title: z.string(),
  /** What this scenario ran against (a run without a profile uses each scenario's own embedded server). */
  target: LabTargetKindSchema.optional(),
  status: LabStatusSchema,
  expected: LabExpectationSchema,
  /** What happened: the diagnosis the tester arrived at, or that the server accepted the fault. */
  actual: z.object({
    outcome: z.enum(['diagnosis', 'accepted', 'not-run']),
    code: z.string().optional(),
    cause: z.string().optional(),
  }),
  /** One line: why it passed or failed. */
  verdict: z.string(),
  diagnosis: DiagnosisSchema.optional(),
  durationMs: z.number(),
  /** The HTTP exchanges the scenario made, for `getExchange`. */
  exchangeIds: z.array(z.string()),
})
export type LabResult = z.infer<typeof LabResultSchema>

export const LabReportSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done']),
  target: z.object({ kind: LabTargetKindSchema, profileId: z.string(), profileName: z.string(), environment: z.string() }),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  results: z.array(LabResultSchema),
  counts: z.object({ pass: z.number(), fail: z.number(), error: z.number(), skipped: z.number() }),
})
export type LabReport = z.infer<typeof LabReportSchema>

export const LabExportSchema = z.object({
  filename: z.string(),
  mimeType: z.string(),
  content: z.string(),
})
export type LabExport = z.infer<typeof LabExportSchema>
