/** RFC 6750 §2.1: exactly one space, the token as issued. */
export const bearer = (token: string): string => `Bearer ${token}`

/** True when an Authorization header value is a well-formed Bearer credential. */
export const isWellFormedBearer = (value: string | undefined): boolean => value !== undefined && /^Bearer [A-Za-z0-9\-._~+/]+=*$/.test(value)
