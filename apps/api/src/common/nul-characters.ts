import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * Objects and arrays a JSON body may nest. Our deepest body (answers holding a list of codes)
 * needs four; class-transformer walks bodies recursively, so a body nested thousands of levels
 * would overflow its stack before any validation could refuse it.
 */
export const MAX_BODY_DEPTH = 32;

export const NUL_CHARACTER = '\u0000';

/** What makes a request unusable, found before anything reads it. */
export type UnusableInput =
  | { problem: 'nul'; location: 'params' | 'query' | 'body'; path: string; inName: boolean }
  | { problem: 'depth' };

/**
 * A request refused because of a NUL character or a too deeply nested body: a 400 naming the
 * field. PostgreSQL text and jsonb cannot hold U+0000, so such a value would otherwise fail only
 * when written (a 500), possibly halfway through a change.
 */
export class UnusableInputException extends BadRequestException {
  constructor(readonly input: UnusableInput) {
    super(describe(input));
  }
}

/**
 * The first problem in a request's path parameters, query and body, or null. Walks without
 * recursion, so no body can overflow the stack here; nesting is counted in the body only (path
 * parameters and query values are flat strings or arrays of them).
 */
export function findUnusableInput(request: {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}): UnusableInput | null {
  for (const location of ['params', 'query', 'body'] as const) {
    const found = inspect(request[location], location);
    if (found) return found;
  }
  return null;
}

function inspect(root: unknown, location: 'params' | 'query' | 'body'): UnusableInput | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: root, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes(NUL_CHARACTER)) return { problem: 'nul', location, path, inName: false };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth + 1 > MAX_BODY_DEPTH) return { problem: 'depth' };
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    // Pushed last to first, so the first problem in the document's order is the one named.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i];
      if (key.includes(NUL_CHARACTER)) return { problem: 'nul', location, path, inName: true };
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

function describe(input: UnusableInput): string {
  if (input.problem === 'depth') {
    return `the JSON body is nested too deeply (at most ${MAX_BODY_DEPTH} levels of objects and arrays)`;
  }
  const where =
    input.path ||
    { params: 'the address', query: 'the query string', body: 'the body' }[input.location];
  return input.inName
    ? `${where} has a property name that contains the NUL character (U+0000)`
    : `${where} must not contain the NUL character (U+0000)`;
}

/**
 * Runs before every route's own guards and pipes (registered with useGlobalGuards): a request
 * with a NUL character in a path parameter, a query value or a body field, or with a body
 * nested deeper than MAX_BODY_DEPTH, is refused with a 400 before anything reads or writes it.
 * Multipart fields are read later by their handlers; none of them is stored as text.
 */
@Injectable()
export class UnusableInputGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const found = findUnusableInput(context.switchToHttp().getRequest<FastifyRequest>());
    if (found) throw new UnusableInputException(found);
    return true;
  }
}
