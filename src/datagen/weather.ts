import { normal } from './random';

export type WeatherKind = 'clear' | 'cloudy' | 'rain' | 'snow';

export interface HourWeather {
  readonly weather: WeatherKind;
  readonly temperatureC: number;
  readonly precipitationMm: number;
}

/**
 * Weather as a slowly moving state shared by all zones in an hour: a seasonal temperature curve
 * with daily swing and noise, and precipitation whose kind follows the temperature.
 * `coldShift` lowers temperatures (the drift switch uses it to bring an unseen cold snap).
 */
export class WeatherProcess {
  private wetness = 0;

  constructor(
    private readonly random: () => number,
    private readonly coldShift = 0,
  ) {}

  next(time: Date): HourWeather {
    const dayOfYear = (time.getTime() - Date.UTC(time.getUTCFullYear(), 0, 1)) / 86_400_000;
    const seasonal = 12 - 11 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365);
    const daily = 4 * Math.sin((2 * Math.PI * (time.getUTCHours() - 9)) / 24);
    const temperatureC = seasonal + daily + 2 * normal(this.random) - this.coldShift;
    // Wet spells persist for hours: an AR(1) process crossing a threshold.
    this.wetness = 0.85 * this.wetness + 0.55 * normal(this.random);
    const raining = this.wetness > 1.1;
    const precipitationMm = raining ? Math.round((this.wetness - 1.1) * 40) / 10 + 0.1 : 0;
    let weather: WeatherKind = this.wetness > 0.5 ? 'cloudy' : 'clear';
    if (raining) weather = temperatureC < 0.5 ? 'snow' : 'rain';
    return { weather, temperatureC: Math.round(temperatureC * 10) / 10, precipitationMm };
  }
}
