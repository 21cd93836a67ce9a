import { describe, expect, it } from 'vitest';
import { operationsOfModel } from '../src/models.ts';
import { findSandboxCase, replyOfCase, type SpRequestParts } from '../src/sandbox.ts';

// A small synthetic model exercising what the real ones use: $ref parameters, csv and multi arrays, a header
// parameter, a body the model calls `payload` but the cases call `body`, `{}` wildcards and specificity.
const doc = {
  swagger: '2.0',
  parameters: { Ids: { name: 'ids', in: 'query', type: 'array', items: { type: 'string' } } },
  paths: {
    '/things/{thingId}': {
      post: {
        operationId: 'postThing',
        description: 'Does things.',
        parameters: [
          { name: 'thingId', in: 'path', required: true, type: 'string' },
          { $ref: '#/parameters/Ids' },
          { name: 'tags', in: 'query', type: 'array', collectionFormat: 'multi', items: { type: 'string' } },
          { name: 'limit', in: 'query', type: 'integer' },
          { name: 'x-amzn-idempotency-token', in: 'header', type: 'string' },
          { name: 'payload', in: 'body', schema: {} },
        ],
        responses: {
          '200': {
            'x-amzn-api-sandbox': {
              static: [
                { request: { parameters: { body: {} } }, response: { which: 'anything' } },
                {
                  request: { parameters: { thingId: { value: 'T1' }, limit: { value: 5 } } },
                  response: { which: 'T1' },
                },
                {
                  request: {
                    parameters: { thingId: { value: 'T1' }, limit: { value: 5 }, ids: { value: ['a', 'b'] } },
                  },
                  response: { which: 'T1+ids' },
                },
                { request: { parameters: { tags: { value: ['x', 'y'] } } }, response: { which: 'tags' } },
                {
                  request: { parameters: { 'x-amzn-idempotency-token': { value: 'k1' } } },
                  response: { which: 'hdr' },
                },
              ],
            },
          },
          '400': {
            'x-amzn-api-sandbox': {
              static: [
                { request: { parameters: { payload: { value: { a: 1, b: [1, 2] } } } }, response: { bad: true } },
              ],
            },
          },
        },
      },
    },
  },
};
const [op] = operationsOfModel(doc, 'things-api-model/things.json');

function request(parts: Partial<SpRequestParts> & { qs?: string }): SpRequestParts {
  return {
    pathParams: parts.pathParams ?? { thingId: 'other' },
    query: new URLSearchParams(parts.qs ?? ''),
    headers: parts.headers ?? {},
    body: parts.body,
  };
}
const which = (r: SpRequestParts) => {
  if (!op) throw new Error('no operation');
  const c = findSandboxCase(op, r);
  return c ? replyOfCase(c) : undefined;
};

describe('sandbox case matching', () => {
  it('loads the synthetic model: key, resolved $ref, body renamed to `body`, specificity', () => {
    expect(op?.key).toBe('things:postThing');
    expect(op?.params.find((p) => p.name === 'ids')).toMatchObject({ in: 'query', collectionFormat: 'csv' });
    expect(op?.cases.map((c) => [c.status, c.specificity])).toEqual([
      [200, 0],
      [200, 2],
      [200, 3],
      [200, 1],
      [200, 1],
      [400, 1],
    ]);
    expect(Object.keys(op?.cases[5]?.parameters ?? {})).toEqual(['body']);
  });

  it('lets a `{}` wildcard match anything, including an absent body', () => {
    expect(which(request({}))).toEqual({ status: 200, body: { which: 'anything' } });
  });

  it('prefers the case with the most valued parameters', () => {
    const base = { pathParams: { thingId: 'T1' } };
    expect(which(request({ ...base, qs: 'limit=5' }))?.body).toEqual({ which: 'T1' });
    expect(which(request({ ...base, qs: 'limit=5&ids=a,b' }))?.body).toEqual({ which: 'T1+ids' });
    expect(which(request({ ...base, qs: 'limit=5&ids=a&ids=b' }))?.body).toEqual({ which: 'T1+ids' });
    expect(which(request({ ...base, qs: 'limit=5&ids=b,a' }))?.body).toEqual({ which: 'T1' });
    expect(which(request({ ...base, qs: 'limit=6' }))?.body).toEqual({ which: 'anything' });
  });

  it('matches multi arrays, header parameters and JSON bodies regardless of key order', () => {
    expect(which(request({ qs: 'tags=x&tags=y' }))?.body).toEqual({ which: 'tags' });
    expect(which(request({ headers: { 'x-amzn-idempotency-token': 'k1' } }))?.body).toEqual({ which: 'hdr' });
    expect(which(request({ body: { b: [1, 2], a: 1 } }))).toEqual({ status: 400, body: { bad: true } });
    expect(which(request({ body: { b: [2, 1], a: 1 } }))?.status).toBe(200);
  });

  it('narrows to a preferred status when asked', () => {
    if (!op) throw new Error('no operation');
    expect(findSandboxCase(op, request({ body: { a: 1, b: [1, 2] } }), 200)?.response).toEqual({ which: 'anything' });
  });
});
