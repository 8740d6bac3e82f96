import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { jsonBody, maxBodyBytes } from '../../../src/functions/http/request-body';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../../src/domain/errors';

const event = (body: string | undefined, contentType?: string) =>
  ({
    body,
    isBase64Encoded: false,
    headers: contentType ? { 'Content-Type': contentType } : {},
  }) as unknown as APIGatewayProxyEventV2;

describe('jsonBody', () => {
  it('parses JSON with or without a charset, and problem+json-style suffixes', () => {
    expect(jsonBody(event('{"a":1}', 'application/json'))).toEqual({ a: 1 });
    expect(jsonBody(event('[1]', 'application/json; charset=utf-8'))).toEqual([1]);
    expect(jsonBody(event('{}', 'application/merge-patch+json'))).toEqual({});
  });

  it('returns undefined for no body', () => {
    expect(jsonBody(event(undefined))).toBeUndefined();
    expect(jsonBody(event(''))).toBeUndefined();
  });

  it('refuses other media types, broken JSON and bodies over the limit', () => {
    expect(() => jsonBody(event('{}', 'text/plain'))).toThrow(UnsupportedMediaTypeError);
    expect(() => jsonBody(event('{}'))).toThrow(UnsupportedMediaTypeError);
    expect(() => jsonBody(event('{"a":', 'application/json'))).toThrow(MalformedJsonError);
    expect(() => jsonBody(event('{"name":"\\ud800x"}', 'application/json'))).toThrow(/not valid Unicode/);
    expect(() => jsonBody(event('{"\\udc00":1}', 'application/json'))).toThrow(/not valid Unicode/);
    expect(jsonBody(event('{"name":"\\ud83c\\udfad"}', 'application/json'))).toEqual({ name: '🎭' });
    expect(() => jsonBody(event(`"${'x'.repeat(maxBodyBytes)}"`, 'application/json'))).toThrow(PayloadTooLargeError);
  });
});
