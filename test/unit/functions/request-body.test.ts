import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBody, maxBodyBytes, maxNestingDepth } from '../../../src/functions/http/request-body';
import {
  MalformedJsonError,
  NestingTooDeepError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../../../src/functions/http/errors';

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

  it('refuses a body nested 10,000 deep with a 400-class error, not a stack overflow', () => {
    for (const [open, close] of [
      ['[', ']'],
      ['{"a":', '}'],
    ] as const) {
      const deep = open.repeat(10_000) + '1' + close.repeat(10_000);
      expect(() => jsonBody(event(deep, 'application/json'))).toThrow(NestingTooDeepError);
    }
  });

  it('accepts nesting up to the limit and refuses anything deeper, whatever the shape (brackets in strings do not count)', () => {
    const nested = (depth: number, shapes: boolean[]) => {
      let text = '"[{\\"}"';
      for (let level = 0; level < depth; level++) {
        text = shapes[level % shapes.length] ? `{"k[":${text},"x":"}"}` : `[0,${text},"]"]`;
      }
      return text;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * maxNestingDepth }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        (depth, shapes) => {
          const body = event(nested(depth, shapes), 'application/json');
          if (depth <= maxNestingDepth) expect(jsonBody(body)).toEqual(JSON.parse(nested(depth, shapes)));
          else expect(() => jsonBody(body)).toThrow(NestingTooDeepError);
        },
      ),
    );
  });
});
