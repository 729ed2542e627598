import { ProfileSchema, type Profile } from '../../../shared/domain/profile'

/** What step i of store-writer.ts writes; the kill test rebuilds the same values to compare. */
export const profileOf = (i: number): Profile =>
  ProfileSchema.parse({ id: `p-${i}`, name: `Profile ${i}`, environment: 'sandbox', clientId: `client-${i}`, description: `step ${i} ${'·'.repeat(200)}`, createdAt: i, updatedAt: i })

export const secretOf = (i: number): string => `secret-${i}-${'s'.repeat(32)}`
