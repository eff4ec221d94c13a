import { describe, expect, it } from 'vitest';
import { startBanner, type StartBannerInfo } from '../../src/local/start-banner';

const info: StartBannerInfo = {
  url: 'http://127.0.0.1:7071',
  prefix: 'api',
  functions: [],
  settings: { LOCAL_FUNCTION_KEY: 'key-from-settings' },
  settingsFile: '/somewhere/local.settings.json',
  emulatorPorts: { blob: 10000, queue: 10001, cosmos: 8081 },
  cosmosEndpoint: 'http://127.0.0.1:8081/',
  dataDir: '.local',
  startedMs: 1234,
};

describe('the npm start banner', () => {
  it('ends with the next two commands to try, with the function key the runtime uses', () => {
    const lines = startBanner(info).split('\n');
    expect(lines[0]).toBe('Functions app running at http://127.0.0.1:7071/api (started in 1234 ms)');
    expect(lines.slice(-3)).toEqual([
      'Press Ctrl-C to stop. Next, in another terminal: train a model, then predict with it:',
      '  npm run generate -- --days 90 --zones 8 --out taxi.csv --spec-out taxi.spec.json && ' +
        'npm run upload -- taxi.csv --model taxi --spec taxi.spec.json',
      `  curl -X POST -H "x-functions-key: key-from-settings" -H 'content-type: application/json' ` +
        `http://localhost:7071/api/models/taxi/predict -d '{"rows":[{"pickup_hour":"2025-03-01T08:00:00Z",` +
        `"zone":"Z01","weather":"rain","temperature_c":6.5,"precipitation_mm":1.2,"is_holiday":false}]}'`,
    ]);
  });

  it('sends no key header when the runtime has no function key', () => {
    const last = startBanner({ ...info, settings: {} })
      .split('\n')
      .at(-1)!;
    expect(last).toMatch(
      /^ {2}curl -X POST -H 'content-type: application\/json' http:\/\/localhost:7071\/api\/models/,
    );
  });
});
