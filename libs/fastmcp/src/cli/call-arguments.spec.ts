import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliUsageError } from './cli-errors.js';
import { promptArguments, toolArguments } from './call-arguments.js';

describe('toolArguments', () => {
  it('reads --args as a JSON object', () => {
    assert.deepEqual(toolArguments('{"a": 2, "b": [1]}'), { a: 2, b: [1] });
  });

  it('parses --arg values as JSON when they parse and keeps them as strings otherwise', () => {
    assert.deepEqual(toolArguments(undefined, ['n=2', 'flag=true', 'name=Ada', 'list=[1,2]', 'eq=a=b', 'empty=']), {
      n: 2,
      flag: true,
      name: 'Ada',
      list: [1, 2],
      eq: 'a=b',
      empty: '',
    });
  });

  it('lets --arg override the same key of --args', () => {
    assert.deepEqual(toolArguments('{"a": 1, "b": 2}', ['a=5']), { a: 5, b: 2 });
  });

  it('refuses --args that is not a JSON object, and --arg without a key', () => {
    assert.throws(() => toolArguments('[1]'), CliUsageError);
    assert.throws(() => toolArguments('{a:'), CliUsageError);
    assert.throws(() => toolArguments(undefined, ['=1']), CliUsageError);
    assert.throws(() => toolArguments(undefined, ['novalue']), CliUsageError);
  });
});

describe('promptArguments', () => {
  it('keeps every value a string, as prompt arguments are', () => {
    assert.deepEqual(promptArguments(['n=2', 'name=Ada']), { n: '2', name: 'Ada' });
  });
});
