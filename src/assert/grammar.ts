// Parses assert block lines into typed assertions, collecting every problem with its line.
import { cidrProblem } from '../util/ipv4.js';
import ipaddr from 'ipaddr.js';
import { didYouMean } from '../util/suggest.js';
import { dnsNameProblem, isPattern, jailNameProblem, patternProblem } from '../util/names.js';
import { ASSERTION_KINDS, type Assertion, type Endpoint, type ResolveExpect, type Target } from './model.js';

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
    return ipaddr.IPv4.isValidFourPartDecimal(token) ? ok({ kind: 'ip', address: token }) : bad(`malformed endpoint "${token}": not a valid IPv4 address`);
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
  const colon = token.lastIndexOf(':');
  if (colon === -1) {
    const e = parseEndpoint(token);
    return e.ok ? ok({ endpoint: e.value }) : e;
  }
  const host = token.slice(0, colon);
  const portText = token.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    return bad(`malformed endpoint "${token}": port "${portText}" must be a number from 1 to 65535`);
  }
  if (host.length === 0) return bad(`malformed endpoint "${token}": nothing before ":${portText}"`);
  const e = parseEndpoint(host);
  return e.ok ? ok({ endpoint: e.value, port: Number(portText) }) : e;
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

function parseLine(kind: string, args: string[], line: number, text: string): Result<Assertion> {
  const usage: Record<string, string> = {
    reach: 'reach A -> B[:PORT]',
    isolated: 'isolated A -> B[:PORT]',
    mesh: 'mesh PATTERN',
    resolve: 'resolve NAME from A [= IP | in CIDR]',
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
      return ok({ kind, line, text, from: from.value, to: to.value });
    }
    case 'mesh': {
      if (args.length !== 1) return malformed();
      const j = parseJailRef(args[0]!, 'mesh');
      return j.ok ? ok({ kind, line, text, jails: j.value }) : j;
    }
    case 'resolve': {
      if ((args.length !== 3 && args.length !== 5) || args[1] !== 'from') return malformed();
      const nameProblem = dnsNameProblem(args[0]!);
      if (nameProblem) return bad(`malformed name "${args[0]}" in resolve: a DNS name ${nameProblem}`);
      const from = parseSource(args[2]!);
      if (!from.ok) return from;
      let expect: ResolveExpect = { kind: 'any' };
      if (args.length === 5) {
        const [op, value] = [args[3]!, args[4]!];
        if (op === '=') {
          if (!ipaddr.IPv4.isValidFourPartDecimal(value)) return bad(`malformed address "${value}" in resolve: not a valid IPv4 address`);
          expect = { kind: 'ip', address: value };
        } else if (op === 'in') {
          const p = cidrProblem(value);
          if (p) return bad(p);
          expect = { kind: 'cidr', cidr: value };
        } else return malformed();
      }
      return ok({ kind, line, text, name: args[0]!, from: from.value, expect });
    }
    case 'lease': {
      if (args.length !== 1 && !(args.length === 3 && args[1] === 'in')) return malformed();
      const j = parseJailRef(args[0]!, 'lease');
      if (!j.ok) return j;
      if (args.length === 3) {
        const p = cidrProblem(args[2]!);
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
