/** The demo's steps in order; `--until` stops after one of them. */
export const DEMO_STEPS = [
  'runtime',
  'generate',
  'upload',
  'production',
  'predict',
  'drift',
  'retrain',
] as const;
export type DemoStep = (typeof DEMO_STEPS)[number];

/** Prints numbered step headings and indented details, and times each step. */
export class DemoNarrator {
  #started = Date.now();
  #stepStarted = Date.now();

  constructor(private readonly write: (text: string) => void) {}

  step(step: DemoStep, what: string): void {
    this.#stepStarted = Date.now();
    this.write(`\n[${DEMO_STEPS.indexOf(step) + 1}/${DEMO_STEPS.length}] ${what}\n`);
  }

  say(line: string): void {
    this.write(`    ${line}\n`);
  }

  done(): void {
    this.say(`(${seconds(Date.now() - this.#stepStarted)})`);
  }

  total(): string {
    return seconds(Date.now() - this.#started);
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
