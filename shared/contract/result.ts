import { z } from 'zod'

/** Errors are values: every call answers with a Result, nothing throws across the contract. */
export const ContractErrorSchema = z.object({
  code: z.enum(['invalid-input', 'not-found', 'conflict', 'internal', 'unknown-call', 'unauthorized']),
  message: z.string(),
  /** Copyable details for an internal error (no stack traces, no secrets). */
  report: z.string().optional(),
})
export type ContractError = z.infer<typeof ContractErrorSchema>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ContractError['code'], message: string, report?: string): Result<never> => ({
  ok: false,
  error: report === undefined ? { code, message } : { code, message, report },
})

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ContractErrorSchema }),
  ])
