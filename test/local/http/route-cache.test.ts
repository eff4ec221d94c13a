import { describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../../src/local/http/routes';
import type { RegisteredFunction } from '../../../src/local/registrations';
import { RouteCache } from '../../../src/local/http/route-cache';
import { compileRoute } from '../../../src/local/http/route-template';

const route = (template: string, methods: string[]): HttpRoute => ({
  fn: { metadata: { name: template } } as unknown as RegisteredFunction,
  route: compileRoute(template),
  methods,
  authLevel: 'function',
});

const routes = [route('models/{model}/predict', ['POST']), route('models', ['GET'])];

describe('RouteCache', () => {
  it.each([
    ['POST', '/models/taxi/predict', 'found'],
    ['GET', '/models/taxi/predict', 'method_not_allowed'],
    ['GET', '/models', 'found'],
    ['GET', '/nothing', 'not_found'],
  ])('%s %s is %s, the first time and from the cache', (method, path, kind) => {
    const cache = new RouteCache(routes);
    expect(cache.find(method, path).kind).toBe(kind);
    expect(cache.find(method, path).kind).toBe(kind);
  });

  it('gives every request its own params object', () => {
    const cache = new RouteCache(routes);
    const first = cache.find('POST', '/models/taxi/predict');
    if (first.kind !== 'found') throw new Error('not found');
    first.params.model = 'changed';
    const second = cache.find('POST', '/models/taxi/predict');
    expect(second).toMatchObject({ kind: 'found', params: { model: 'taxi' } });
  });

  it('still answers correctly after the bound clears it', () => {
    const cache = new RouteCache(routes, 2);
    for (const name of ['a', 'b', 'c', 'd']) {
      expect(cache.find('POST', `/models/${name}/predict`)).toMatchObject({ params: { model: name } });
    }
    expect(cache.find('GET', '/models/a/predict')).toEqual({ kind: 'method_not_allowed', allowed: ['POST'] });
  });
});
