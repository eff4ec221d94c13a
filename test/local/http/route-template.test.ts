import { describe, expect, it } from 'vitest';
import { compareRoutes, compileRoute } from '../../../src/local/http/route-template';

describe('compileRoute', () => {
  it.each([
    ['health', '/health', {}],
    ['health', '/Health', {}],
    ['health', '/health/x', undefined],
    ['models/{model}', '/models/taxi', { model: 'taxi' }],
    ['models/{model}', '/models/my%20model', { model: 'my model' }],
    ['models/{model}/versions/{version?}', '/models/taxi/versions', { model: 'taxi' }],
    ['models/{model}/versions/{version?}', '/models/taxi/versions/4', { model: 'taxi', version: '4' }],
    ['models/{model}/versions/{version:int}', '/models/taxi/versions/4', { model: 'taxi', version: '4' }],
    ['models/{model}/versions/{version:int}', '/models/taxi/versions/four', undefined],
    ['models/{model}/versions/{version:int?}', '/models/taxi/versions', { model: 'taxi' }],
    [
      'items/{id:guid}',
      '/items/0f8fad5b-d9cb-469f-a165-70867728950e',
      { id: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    ],
    ['items/{id:regex(^a+$)}', '/items/aaa', { id: 'aaa' }],
    ['items/{id:regex(^a+$)}', '/items/ab', undefined],
    ['items/{id:unknownconstraint}', '/items/anything', { id: 'anything' }],
    ['files/{*path}', '/files/a/b/c.txt', { path: 'a/b/c.txt' }],
    ['files/{*path}', '/files', {}],
  ])('%s matches %s → %j', (template, path, expected) => {
    expect(compileRoute(template).match(path)).toEqual(expected);
  });

  it('orders literals before parameters before optional and catch-all segments', () => {
    const routes = [
      'models/{*rest}',
      'models/{model?}',
      'models/{model}',
      'models/{model:int}',
      'models/latest',
    ].map(compileRoute);
    expect(routes.sort(compareRoutes).map((r) => r.template)).toEqual([
      'models/latest',
      'models/{model:int}',
      'models/{model}',
      'models/{model?}',
      'models/{*rest}',
    ]);
  });
});
