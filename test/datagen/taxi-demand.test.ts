import { describe, expect, it } from 'vitest';
import { renderRows } from '../../src/datagen/format';
import { generateTaxiDemand, type TaxiDemandRow } from '../../src/datagen/taxi-demand';

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('generateTaxiDemand', () => {
  it('yields one row per zone per hour, in time order', () => {
    const rows = [...generateTaxiDemand({ days: 2, zones: 3 })];
    expect(rows).toHaveLength(2 * 24 * 3);
    expect(rows.slice(0, 4).map((r) => `${r.pickup_hour} ${r.zone}`)).toEqual([
      '2025-01-01 00:00:00 Z01',
      '2025-01-01 00:00:00 Z02',
      '2025-01-01 00:00:00 Z03',
      '2025-01-01 01:00:00 Z01',
    ]);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = renderRows(generateTaxiDemand({ days: 3, seed: 7 }), 'csv');
    expect(renderRows(generateTaxiDemand({ days: 3, seed: 7 }), 'csv')).toBe(a);
    expect(renderRows(generateTaxiDemand({ days: 3, seed: 8 }), 'csv')).not.toBe(a);
  });

  it('marks holidays and has more demand at the workday morning peak than at night', () => {
    const rows = [...generateTaxiDemand({ start: '2025-01-01', days: 28, zones: 4 })];
    expect(rows.filter((r) => r.pickup_hour.startsWith('2025-01-01')).every((r) => r.is_holiday)).toBe(true);
    expect(rows.filter((r) => r.pickup_hour.startsWith('2025-01-02')).some((r) => r.is_holiday)).toBe(false);
    const at = (hour: string): number[] =>
      rows.filter((r) => r.pickup_hour.endsWith(` ${hour}:00:00`) && !r.is_holiday).map((r) => r.trips);
    expect(mean(at('08'))).toBeGreaterThan(3 * mean(at('03')));
  });

  it('drift raises demand in growing zones and brings colder weather', () => {
    const base = [...generateTaxiDemand({ start: '2025-03-01', days: 21, zones: 4, seed: 3 })];
    const drifted = [
      ...generateTaxiDemand({ start: '2025-03-01', days: 21, zones: 4, seed: 3, drift: true }),
    ];
    const trips = (rows: TaxiDemandRow[], zone: string): number =>
      mean(rows.filter((r) => r.zone === zone).map((r) => r.trips));
    expect(trips(drifted, 'Z01') / trips(base, 'Z01')).toBeGreaterThan(1.3);
    const temperature = (rows: TaxiDemandRow[]): number => mean(rows.map((r) => r.temperature_c));
    expect(temperature(base) - temperature(drifted)).toBeGreaterThan(7);
  });

  it('switches drift on from a given date only', () => {
    const rows = [...generateTaxiDemand({ start: '2025-03-01', days: 4, zones: 2, drift: '2025-03-03' })];
    const before = rows.filter((r) => r.pickup_hour < '2025-03-03');
    const plain = [...generateTaxiDemand({ start: '2025-03-01', days: 2, zones: 2 })];
    expect(before).toEqual(plain);
  });

  it('rejects a start that is not a date', () => {
    expect(() => [...generateTaxiDemand({ start: 'yesterday' })]).toThrow(
      'start "yesterday" is not an ISO date',
    );
  });
});
