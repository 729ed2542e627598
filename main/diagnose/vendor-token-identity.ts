import { TOKEN_PLACES, type VendorTokenKind } from '../../shared/domain/run-vendor'
import { maskToken } from '../../shared/mask'

/**
 * The run's own tokens by kind, as its answers carried them (raw values: they never leave
 * main). Several per kind once refreshes rotate them. Which token a request carried is decided
 * by comparing values with these, never by the token's looks.
 */
export type KnownTokens = Partial<Record<VendorTokenKind, readonly string[]>>

export function identifyToken(value: string | undefined, known: KnownTokens): VendorTokenKind | undefined {
  if (value === undefined || value === '') return undefined
  for (const [kind, values] of Object.entries(known) as [VendorTokenKind, readonly string[]][]) {
    if (values.includes(value)) return kind
  }
  return undefined
}

/** The credential of an `Authorization: Bearer …` header, tolerating the spacing mistakes it may show. */
export function bearerValue(header: string | undefined): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

export const lowerFirst = (text: string): string => text.replace(/^./, (c) => c.toLowerCase())

/** "session JWT (step 1) eyJhbG…x1Yz" */
export const describeToken = (kind: VendorTokenKind, value: string): string => `${lowerFirst(TOKEN_PLACES[kind].label)} ${maskToken(value)}`
