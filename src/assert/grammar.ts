// Parses assert block lines into typed assertions, collecting every problem with its line.
import { cidrProblem } from '../util/ipv4.js';
import ipaddr from 'ipaddr.js';
import { didYouMean } from '../util/suggest.js';
import { dnsNameProblem, isPattern, jailNameProblem, patternProblem } from '../util/names.js';
import { ASSERTION_KINDS, type Assertion, type Endpoint, type Family, type ResolveExpect, type Target } from './model.js';
import { normal6 } from '../util/ipv6.js';

/** A grammar problem: the message and the line it belongs to. */
export interface GrammarProblem {
  line: number;
  message: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const bad = <T>(message: string): Result<T> => ({ ok: false, message });

/** Classifies one endpoint token (no port). */
export function parseEndpoint(token: string): Result<Endpoint> {
  if (token === 'host') return ok({ kind: 'host' });
  if (token === 'upstream') return ok({ kind: 'upstream' });
  if (/^[0-9.]+$/.test(token) && token.includes('.')) {
    return ipaddr.IPv4.isValidFourPartDecimal(token)
      ? ok({ kind: 'ip', address: token, family: 4 })
      : bad(`malformed endpoint "${token}": not a valid IPv4 address`);
  }
  if (token.includes(':')) {
    const v6 = normal6(token);
    return v6 ? ok({ kind: 'ip', address: v6, family: 6 }) : bad(`malformed endpoint "${token}": not a valid IPv6 address`);
  }
  if (isPattern(token)) {
    const p = patternProblem(token);
    return p ? bad(`malformed endpoint "${token}": a jail pattern ${p}`) : ok({ kind: 'pattern', pattern: token });
  }
  if (token.includes('.')) {
    const p = dnsNameProblem(token);
    return p ? bad(`malformed endpoint "${token}": a DNS name ${p}`) : ok({ kind: 'dns', name: token });
  }
  const p = jailNameProblem(token);
  return p ? bad(`malformed endpoint "${token}": a jail name ${p}`) : ok({ kind: 'jail', name: token });
}

function parseTarget(token: string): Result<Target> {
  // An IPv6 literal takes a port in brackets ([fd00::2]:80, RFC 3986); bare, it has none (its colons are its own).
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(token);
  if (bracket) {
    const v6 = normal6(bracket[1]!);
    if (!v6) return bad(`malformed endpoint "${token}": "${bracket[1]}" is not a valid IPv6 address`);
    if (bracket[2] === undefined) return ok({ endpoint: { kind: 'ip', address: v6, family: 6 } });
    const port = portOf(token, bracket[2]);
    return typeof port === 'number' ? ok({ endpoint: { kind: 'ip', address: v6, family: 6 }, port }) : port;
  }
  if (token.split(':').length > 2) {
    const e = parseEndpoint(token);
    if (!e.ok) return bad(`${e.message} (an IPv6 address with a port is written in brackets: [ADDRESS]:PORT)`);
    return ok({ endpoint: e.value });
  }
  const colon = token.lastIndexOf(':');
  if (colon === -1) {
    const e = parseEndpoint(token);
    return e.ok ? ok({ endpoint: e.value }) : e;
  }
  const host = token.slice(0, colon);
  const portText = token.slice(colon + 1);
  const port = portOf(token, portText);
  if (typeof port !== 'number') return port;
  if (host.length === 0) return bad(`malformed endpoint "${token}": nothing before ":${portText}"`);
  const e = parseEndpoint(host);
  return e.ok ? ok({ endpoint: e.value, port }) : e;
}

/** A target's TCP port, or why it is not one. */
function portOf(token: string, portText: string): number | { ok: false; message: string } {
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
    return { ok: false, message: `malformed endpoint "${token}": port "${portText}" must be a number from 1 to 65535` };
  return Number(portText);
}

function parseSource(token: string): Result<Endpoint> {
  if (token.includes(':')) return bad(`malformed endpoint "${token}": a source takes no port`);
  const e = parseEndpoint(token);
  if (!e.ok) return e;
  if (e.value.kind === 'ip' || e.value.kind === 'dns') {
    return bad(`malformed endpoint "${token}": a source must be a jail, a jail pattern, host or upstream`);
  }
  return e;
}

function parseJailRef(token: string, what: string): Result<Endpoint> {
  const e = parseEndpoint(token);
  if (!e.ok) return e;
  if (e.value.kind !== 'jail' && e.value.kind !== 'pattern') {
    return bad(`malformed endpoint "${token}": ${what} must be a jail name or a jail pattern`);
  }
  return e;
}

function parseLine(kind: string, argv: string[], line: number, text: string): Result<Assertion> {
  let args = argv;
  // `-4` or `-6` right after reach, isolated or mesh holds the probes to one address family.
  let family: Family | undefined;
  if ((kind === 'reach' || kind === 'isolated' || kind === 'mesh') && (args[0] === '-4' || args[0] === '-6')) {
    family = args[0] === '-4' ? 4 : 6;
    args = args.slice(1);
  }
  const fam = family ? { family } : {};
  const usage: Record<string, string> = {
    reach: 'reach [-4|-6] A -> B[:PORT]',
    isolated: 'isolated [-4|-6] A -> B[:PORT]',
    mesh: 'mesh [-4|-6] PATTERN',
    resolve: 'resolve NAME [A|AAAA] from A [= IP | in CIDR]',
    lease: 'lease A [in CIDR]',
    hostname: 'hostname A = NAME',
  };
  const malformed = (): Result<Assertion> => bad(`malformed ${kind} assertion (expected "${usage[kind]}")`);
  switch (kind) {
    case 'reach':
    case 'isolated': {
      if (args.length !== 3 || args[1] !== '->') return malformed();
      const from = parseSource(args[0]!);
      if (!from.ok) return from;
      const to = parseTarget(args[2]!);
      if (!to.ok) return to;
      if (family && to.value.endpoint.kind === 'ip' && to.value.endpoint.family !== family)
        return bad(`${kind} -${family} to ${to.value.endpoint.address}: that is an IPv${to.value.endpoint.family} address`);
      return ok({ kind, line, text, from: from.value, to: to.value, ...fam });
    }
    case 'mesh': {
      if (args.length !== 1) return malformed();
      const j = parseJailRef(args[0]!, 'mesh');
      return j.ok ? ok({ kind, line, text, jails: j.value, ...fam }) : j;
    }
    case 'resolve': {
      // The record type may follow the name; without it, an IPv6 expectation means AAAA, and anything else A.
      let record: 'A' | 'AAAA' | undefined;
      if (args[1] === 'A' || args[1] === 'AAAA') {
        record = args[1];
        args = [args[0]!, ...args.slice(2)];
      }
      if ((args.length !== 3 && args.length !== 5) || args[1] !== 'from') return malformed();
      const nameProblem = dnsNameProblem(args[0]!);
      if (nameProblem) return bad(`malformed name "${args[0]}" in resolve: a DNS name ${nameProblem}`);
      const from = parseSource(args[2]!);
      if (!from.ok) return from;
      let expect: ResolveExpect = { kind: 'any' };
      let six = false;
      if (args.length === 5) {
        const [op, value] = [args[3]!, args[4]!];
        six = value.includes(':');
        if (op === '=') {
          const v6 = six ? normal6(value) : undefined;
          if (six && !v6) return bad(`malformed address "${value}" in resolve: not a valid IPv6 address`);
          if (!six && !ipaddr.IPv4.isValidFourPartDecimal(value)) return bad(`malformed address "${value}" in resolve: not a valid IPv4 address`);
          expect = { kind: 'ip', address: v6 ?? value };
        } else if (op === 'in') {
          const p = six
            ? ipaddr.IPv6.isValidCIDR(value)
              ? undefined
              : `bad IPv6 prefix "${value}" (expected PREFIX/LENGTH, e.g. fd00:1::/64)`
            : cidrProblem(value);
          if (p) return bad(p);
          expect = { kind: 'cidr', cidr: value };
        } else return malformed();
      }
      if (record && args.length === 5 && six !== (record === 'AAAA'))
        return bad(
          `resolve ${args[0]} ${record}: ${args[4]} is an IPv${six ? 6 : 4} ${expect.kind === 'cidr' ? 'prefix' : 'address'}, and ${record} records hold IPv${record === 'AAAA' ? 6 : 4} ones`,
        );
      return ok({ kind, line, text, name: args[0]!, from: from.value, expect, record: record ?? (six ? 'AAAA' : 'A') });
    }
    case 'lease': {
      if (args.length !== 1 && !(args.length === 3 && args[1] === 'in')) return malformed();
      const j = parseJailRef(args[0]!, 'lease');
      if (!j.ok) return j;
      if (args.length === 3) {
        const p = args[2]!.includes(':')
          ? ipaddr.IPv6.isValidCIDR(args[2]!)
            ? undefined
            : `bad IPv6 prefix "${args[2]}" (expected PREFIX/LENGTH)`
          : cidrProblem(args[2]!);
        if (p) return bad(p);
        return ok({ kind, line, text, jail: j.value, cidr: args[2]! });
      }
      return ok({ kind, line, text, jail: j.value });
    }
    case 'hostname': {
      if (args.length !== 3 || args[1] !== '=') return malformed();
      const j = parseJailRef(args[0]!, 'hostname');
      if (!j.ok) return j;
      const p = dnsNameProblem(args[2]!);
      if (p) return bad(`malformed hostname "${args[2]}": ${p}`);
      return ok({ kind, line, text, jail: j.value, name: args[2]! });
    }
  }
  return bad(`unknown assertion "${kind}"${didYouMean(kind, ASSERTION_KINDS)}; known: ${ASSERTION_KINDS.join(', ')}`);
}

/** Parses an assert block body; `firstLine` is the recipe line of the body's first line. */
export function parseAssertions(body: string, firstLine: number): { assertions: Assertion[]; problems: GrammarProblem[] } {
  const assertions: Assertion[] = [];
  const problems: GrammarProblem[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = firstLine + i;
    const hash = raw.indexOf('#');
    const text = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (text === '') return;
    // "A->B" is accepted as "A -> B".
    const tokens = text.replace(/->/g, ' -> ').split(/\s+/).filter(Boolean);
    const r = parseLine(tokens[0]!, tokens.slice(1), line, text);
    if (r.ok) assertions.push(r.value);
    else problems.push({ line, message: r.message });
  });
  return { assertions, problems };
}
