// Typed assertions and endpoints of the contract's assertion grammar.

/** Where a probe starts or ends. */
export type Endpoint =
  | { kind: 'jail'; name: string }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'host' }
  | { kind: 'upstream' }
  | { kind: 'ip'; address: string; family: 4 | 6 }
  | { kind: 'dns'; name: string };

/** An endpoint with an optional TCP port. */
export interface Target {
  endpoint: Endpoint;
  port?: number;
}

/** An address family a probe may be held to: `reach -4`, `reach -6` (default: every family both ends have). */
export type Family = 4 | 6;

/** What a resolve assertion expects. */
export type ResolveExpect = { kind: 'any' } | { kind: 'ip'; address: string } | { kind: 'cidr'; cidr: string };

/** One line of an assert block. */
export type Assertion =
  | { kind: 'reach'; line: number; text: string; from: Endpoint; to: Target; family?: Family }
  | { kind: 'isolated'; line: number; text: string; from: Endpoint; to: Target; family?: Family }
  | { kind: 'mesh'; line: number; text: string; jails: Endpoint; family?: Family }
  | { kind: 'resolve'; line: number; text: string; name: string; from: Endpoint; expect: ResolveExpect; record: 'A' | 'AAAA' }
  | { kind: 'lease'; line: number; text: string; jail: Endpoint; cidr?: string }
  | { kind: 'hostname'; line: number; text: string; jail: Endpoint; name: string };

/** The assertion keywords, for suggestions. */
export const ASSERTION_KINDS = ['reach', 'isolated', 'mesh', 'resolve', 'lease', 'hostname'] as const;

/** An endpoint as written in the grammar. */
export function endpointText(e: Endpoint): string {
  switch (e.kind) {
    case 'jail':
      return e.name;
    case 'pattern':
      return e.pattern;
    case 'host':
      return 'host';
    case 'upstream':
      return 'upstream';
    case 'ip':
      return e.address;
    case 'dns':
      return e.name;
  }
}
