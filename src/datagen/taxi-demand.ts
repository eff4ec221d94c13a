import { isHoliday } from './holidays';
import { seededRandom } from '../ml/random';
import { normal, poisson } from './random';
import { WeatherProcess, type WeatherKind } from './weather';

/** One generated row: trips picked up in one zone during one hour. */
export interface TaxiDemandRow {
  readonly pickup_hour: string;
  readonly zone: string;
  readonly weather: WeatherKind;
  readonly temperature_c: number;
  readonly precipitation_mm: number;
  readonly is_holiday: boolean;
  readonly trips: number;
}

export interface TaxiDemandOptions {
  /** First hour, ISO date (UTC). Default 2025-01-01. */
  readonly start?: string;
  /** Number of days. Default 60. */
  readonly days?: number;
  /** Number of zones (Z01...). Default 8. */
  readonly zones?: number;
  /** PRNG seed. Default 42. */
  readonly seed?: number;
  /**
   * The drift switch: from this ISO date on (or from the start when `true`), half of the zones
   * see 60% more demand, the weather turns 10 °C colder with snow, and rain stops lifting demand.
   * Default off.
   */
  readonly drift?: boolean | string;
}

export const TAXI_DEMAND_COLUMNS: readonly (keyof TaxiDemandRow)[] = [
  'pickup_hour',
  'zone',
  'weather',
  'temperature_c',
  'precipitation_mm',
  'is_holiday',
  'trips',
];

/** Spec that trains a demand model on the generated data (time-ordered holdout, slices by weather). */
export const TAXI_DEMAND_SPEC = {
  target: 'trips',
  task: 'regression',
  timeColumn: 'pickup_hour',
  validation: { sliceColumns: ['weather', 'zone'] },
} as const;

// Commuter peaks on workdays, a late-evening peak on weekends and holidays.
const WORKDAY_SHAPE = [
  0.25, 0.15, 0.1, 0.08, 0.12, 0.3, 0.7, 1.3, 1.6, 1.1, 0.8, 0.85, 0.95, 0.9, 0.9, 1.0, 1.2, 1.5, 1.6, 1.2,
  0.9, 0.75, 0.6, 0.4,
];
const WEEKEND_SHAPE = [
  0.7, 0.6, 0.5, 0.35, 0.2, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.1,
  1.15, 1.2, 1.1, 0.9,
];
const WEATHER_EFFECT: Record<WeatherKind, number> = { clear: 1, cloudy: 1.02, rain: 1.25, snow: 0.7 };

const pad = (n: number): string => String(n).padStart(2, '0');

function formatHour(time: Date): string {
  return (
    `${time.getUTCFullYear()}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())} ` +
    `${pad(time.getUTCHours())}:00:00`
  );
}

/**
 * Hourly taxi demand by zone: zone base levels, daily and weekly shapes, annual seasonality,
 * weather (shared across zones each hour), holidays, Poisson noise, and an optional drift.
 * Deterministic for a given seed. Yields rows hour by hour, zone by zone, so it can stream
 * millions of rows.
 */
export function* generateTaxiDemand(options: TaxiDemandOptions = {}): Generator<TaxiDemandRow> {
  const start = new Date(`${options.start ?? '2025-01-01'}T00:00:00Z`);
  if (Number.isNaN(start.getTime())) throw new Error(`start "${options.start}" is not an ISO date`);
  const hours = Math.round((options.days ?? 60) * 24);
  const zoneCount = options.zones ?? 8;
  const random = seededRandom(options.seed ?? 42);
  const driftFrom =
    options.drift === true ? start : typeof options.drift === 'string' ? new Date(options.drift) : undefined;
  const zones = Array.from({ length: zoneCount }, (_, i) => ({
    name: `Z${pad(i + 1)}`,
    base: 20 * Math.exp(0.6 * normal(random)) + 5,
    grows: i % 2 === 0,
  }));
  const weather = new WeatherProcess(random);
  const coldWeather = new WeatherProcess(random, 10);

  for (let h = 0; h < hours; h++) {
    const time = new Date(start.getTime() + h * 3_600_000);
    const drifted = driftFrom !== undefined && time >= driftFrom;
    const w = drifted ? coldWeather.next(time) : weather.next(time);
    const holiday = isHoliday(time);
    const weekend = time.getUTCDay() === 0 || time.getUTCDay() === 6;
    const shape = (weekend || holiday ? WEEKEND_SHAPE : WORKDAY_SHAPE)[time.getUTCHours()];
    const dayOfYear = (time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 1)) / 86_400_000;
    const season = 1 + 0.15 * Math.sin((2 * Math.PI * (dayOfYear - 80)) / 365);
    const weatherEffect = drifted && w.weather === 'rain' ? 1 : WEATHER_EFFECT[w.weather];
    const holidayEffect = holiday ? 0.85 : 1;
    for (const zone of zones) {
      const growth = drifted && zone.grows ? 1.6 : 1;
      const mean = zone.base * shape * season * weatherEffect * holidayEffect * growth;
      yield {
        pickup_hour: formatHour(time),
        zone: zone.name,
        weather: w.weather,
        temperature_c: w.temperatureC,
        precipitation_mm: w.precipitationMm,
        is_holiday: holiday,
        trips: poisson(random, mean),
      };
    }
  }
}
