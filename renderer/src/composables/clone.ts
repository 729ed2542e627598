/** A deep copy of plain data, reactive proxies included (structuredClone refuses proxies). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
