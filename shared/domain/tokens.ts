import { z } from 'zod'

export const TokenKindSchema = z.enum(['access_token', 'refresh_token', 'id_token'])
export type TokenKind = z.infer<typeof TokenKindSchema>

/** A token as the renderer sees it: masked, with what we know about its life. */
export const MaskedTokenSchema = z.object({
  kind: TokenKindSchema,
  masked: z.string(),
  format: z.enum(['jwt', 'opaque']),
  length: z.number(),
  issuedAt: z.number(),
  expiresAt: z.number().optional(),
})
export type MaskedToken = z.infer<typeof MaskedTokenSchema>

export const TokenSetViewSchema = z.object({
  id: z.string(),
  tokenType: z.string().optional(),
  scope: z.string().optional(),
  tokens: z.array(MaskedTokenSchema),
})
export type TokenSetView = z.infer<typeof TokenSetViewSchema>
