import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { classify, describeError } from './failure-classifier.js';
import { ExitCode } from './exit-codes.js';

describe('classify', () => {
  it('makes a JSON-RPC error, and an SDK error about one answer, a protocol error', () => {
    assert.equal(classify(new ProtocolError(-32602, 'Tool nope not found'), false).exitCode, ExitCode.ProtocolError);
    assert.equal(classify(new SdkError(SdkErrorCode.RequestTimeout, 'Request timed out'), false).exitCode, ExitCode.ProtocolError);
  });

  it('makes a broken conversation a connection failure: HTTP refusals, a closed child, the network', () => {
    assert.equal(classify(new SdkError(SdkErrorCode.ClientHttpAuthentication, 'HTTP 401'), false).exitCode, ExitCode.ConnectionFailure);
    assert.equal(classify(new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed'), false).exitCode, ExitCode.ConnectionFailure);
    assert.equal(classify(new TypeError('fetch failed'), false).exitCode, ExitCode.ConnectionFailure);
  });

  it('makes anything that stops the handshake a connection failure, and keeps the child output', () => {
    const failure = classify(new ProtocolError(-32600, 'bad initialize'), true, () => 'no database');
    assert.equal(failure.exitCode, ExitCode.ConnectionFailure);
    assert.equal((failure as { detail?: string }).detail, 'no database');
  });
});

describe('describeError', () => {
  it('leads with the HTTP status of a refused request', () => {
    const error = new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, 'Error POSTing to endpoint: Not Found', { status: 404, statusText: 'Not Found' });
    assert.equal(describeError(error), 'HTTP 404 Not Found: Error POSTing to endpoint: Not Found');
  });

  it('follows the causes, which hold what fetch failed on', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    assert.equal(describeError(error), 'fetch failed: connect ECONNREFUSED 127.0.0.1:1');
  });
});
