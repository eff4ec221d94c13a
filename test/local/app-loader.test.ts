import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunctionApp } from '../../src/local/app-loader';
import { FIXTURES } from '../support/runtime';

const names = (entry: string): string[] =>
  loadFunctionApp(path.join(FIXTURES, entry))
    .list()
    .map((fn) => fn.metadata.name)
    .sort();

describe('loadFunctionApp', () => {
  it('captures each app separately and again on every reload', () => {
    const http = ['boom', 'open', 'promote', 'slow', 'versions', 'versionsLiteral'];
    expect(names('http-app.cjs')).toEqual(http);
    expect(names('triggers-app.cjs')).toEqual(['nightly', 'onDrop', 'onMessage', 'startup', 'tick']);
    expect(names('http-app.cjs')).toEqual(http);
  });

  it('captures the metadata toCoreFunctionMetadata gives the host', () => {
    const app = loadFunctionApp(path.join(FIXTURES, 'triggers-app.cjs'));
    const fn = app.get('ONMESSAGE')!;
    expect(fn.trigger).toMatchObject({
      type: 'queueTrigger',
      direction: 'in',
      queueName: '%FIXTURE_QUEUE%',
      connection: 'AzureWebJobsStorage',
    });
    expect(fn.metadata.bindings.$return).toEqual({
      type: 'queue',
      direction: 'out',
      name: expect.stringMatching(/^queueOutput/),
      queueName: '%FIXTURE_QUEUE%-out',
      connection: 'AzureWebJobsStorage',
    });
    expect(app.programmingModel?.name).toBe('@azure/functions');
    expect(app.hooks('postInvocation')).toHaveLength(0);
  });

  it('says so when an entry registers nothing', () => {
    expect(() => loadFunctionApp(path.join(FIXTURES, 'empty-app.cjs'))).toThrow(
      `${path.join(FIXTURES, 'empty-app.cjs')} registered no functions: does it import the function files, and does it use "@azure/functions" v4?`,
    );
  });
});
