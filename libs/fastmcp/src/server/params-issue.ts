import type { ParamsIssue } from '../internals/sdk-protocol.js';

const ARTICLE: Record<string, string> = { array: 'an array', object: 'an object', integer: 'an integer' };

/**
 * One params issue in a sentence a client developer can act on: the field, dotted from `params`
 * (`uri`, `arguments.country`), and what it must be. Nothing of the schema library's own dump.
 */
export function describeParamsIssue(issue: ParamsIssue | undefined): string {
  if (!issue) return 'the request does not match its schema';
  const path = issue.path[0] === 'params' ? issue.path.slice(1) : issue.path;
  const field = path.length > 0 ? path.join('.') : 'params';
  if (issue.code === 'invalid_type' && issue.expected) return `${field} must be ${ARTICLE[issue.expected] ?? `a ${issue.expected}`}`;
  if (issue.code === 'invalid_value' && issue.values?.length) return `${field} must be one of ${issue.values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `${field} has unknown keys`;
  return `${field} is invalid`;
}
