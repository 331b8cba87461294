import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeParamsIssue } from './params-issue.js';

describe('describeParamsIssue', () => {
  it('names the field from params and the type it must have', () => {
    assert.equal(describeParamsIssue({ path: ['params', 'uri'], code: 'invalid_type', expected: 'string' }), 'uri must be a string');
    assert.equal(describeParamsIssue({ path: ['params', 'arguments', 'country'], code: 'invalid_type', expected: 'string' }), 'arguments.country must be a string');
    assert.equal(describeParamsIssue({ path: ['params', 'items'], code: 'invalid_type', expected: 'array' }), 'items must be an array');
  });

  it('lists the values an enum allows', () => {
    assert.equal(describeParamsIssue({ path: ['params', 'level'], code: 'invalid_value', values: ['debug', 'info'] }), 'level must be one of debug, info');
  });

  it('stays short for anything else, and without an issue', () => {
    assert.equal(describeParamsIssue({ path: ['params', 'ref'], code: 'invalid_union', message: 'a long dump' }), 'ref is invalid');
    assert.equal(describeParamsIssue(undefined), 'the request does not match its schema');
  });
});
