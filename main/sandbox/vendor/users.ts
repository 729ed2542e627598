import { createHash } from 'node:crypto'
import type { Region } from '../../../shared/domain/profile'

/** The login reference's enums (baanx-oauth.md §3.2). */
export type Phase = 'ACCOUNT' | 'PHONE_NUMBER' | 'PERSONAL_INFORMATION' | 'PHYSICAL_ADDRESS' | 'MAILING_ADDRESS'
export type VerificationState = 'UNVERIFIED' | 'PENDING' | 'VERIFIED' | 'REJECTED'

/**
 * One demo user per row of the login reference's decision table, plus one whose account lacks
 * permission (the guide's 403: "valid auth, insufficient permissions").
 */
export type UserKind = 'plain' | 'otp' | 'onboarding' | 'partial' | 'restricted'

export interface VendorUser {
  kind: UserKind
  userId: string
  email: string
  /** Shown on the simulator's pages on purpose: it is a local test server. */
  password: string
  firstName: string
  lastName: string
  otp: boolean
  /** Masked the way the login reply shows it (`+445*****225`). */
  phoneNumber: string
  phase: Phase | null
  /** False while onboarding blocks sign-in: login then answers `accessToken: null` and the phase. */
  loginGivesToken: boolean
  verificationState: VerificationState
  /** What the user is for, shown on the demo page. */
  note: string
}

interface Template {
  kind: UserKind
  firstName: string
  otp: boolean
  phase: Phase | null
  verificationState: VerificationState
  note: string
}

const TEMPLATES: readonly Template[] = [
  { kind: 'plain', firstName: 'Pat', otp: false, phase: null, verificationState: 'VERIFIED', note: 'signs in with a password only' },
  { kind: 'otp', firstName: 'Olivia', otp: true, phase: null, verificationState: 'VERIFIED', note: 'needs a 6-digit OTP after the password' },
  {
    kind: 'onboarding',
    firstName: 'Omar',
    otp: false,
    phase: 'PHONE_NUMBER',
    verificationState: 'UNVERIFIED',
    note: 'onboarding incomplete: login gives no token, only the phase',
  },
  {
    kind: 'partial',
    firstName: 'Paula',
    otp: false,
    phase: 'MAILING_ADDRESS',
    verificationState: 'PENDING',
    note: 'registration partly done: token and phase both present',
  },
  {
    kind: 'restricted',
    firstName: 'Rita',
    otp: false,
    phase: null,
    verificationState: 'REJECTED',
    note: 'account lacks permission: the protected endpoint answers 403',
  },
]

const PHONES: Record<Region, string> = { international: '+447*****123', us: '+120*****143' }

/** Stable ids, so logs and demo pages read the same from one run to the next. */
function stableUuid(name: string): string {
  const hex = createHash('sha1').update(`oauth-flow-tester/vendor-simulator/${name}`).digest('hex')
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function demoUsers(environment: string, region: Region): VendorUser[] {
  const tag = region === 'us' ? 'us' : 'intl'
  return TEMPLATES.map((t) => {
    const email = `${t.kind}@${tag}.${environment}.test`
    return {
      kind: t.kind,
      userId: stableUuid(`${environment}/${region}/${email}`),
      email,
      password: `${environment}-password`,
      firstName: t.firstName,
      lastName: `${region === 'us' ? 'US' : 'Intl'}-${t.kind}`,
      otp: t.otp,
      phoneNumber: PHONES[region],
      phase: t.phase,
      loginGivesToken: t.kind !== 'onboarding',
      verificationState: t.verificationState,
      note: t.note,
    }
  })
}
