import { Command, InvalidArgumentError } from 'commander';
import { DEMO_STEPS, type DemoStep } from '../demo/demo-steps';

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'the loop end to end in about a minute: a runtime on free ports, taxi data, training, predictions, ' +
        'a drifted week, the drift check and the retrained version; then serves the dashboard until Ctrl-C',
    )
    .option('--until <step>', `stop after a step: ${DEMO_STEPS.join(', ')}`, (value: string): DemoStep => {
      if (!(DEMO_STEPS as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(`--until must be one of ${DEMO_STEPS.join(', ')}`);
      }
      return value as DemoStep;
    })
    .option('--exit', 'stop the runtime at the end instead of serving the dashboard')
    .action(async (opts: { until?: DemoStep; exit?: boolean }) => {
      // Loaded here: the emulators and the runtime are heavy and only the demo needs them.
      const { runDemo } = await import('../demo/run-demo');
      const keep = !opts.exit && opts.until === undefined;
      const runtime = await runDemo({
        ...(opts.until && { until: opts.until }),
        keep,
        write: (text) => process.stdout.write(text),
        ...(process.stderr.isTTY && { progress: process.stderr }),
      });
      if (!runtime) return;
      process.stdout.write('    Press Ctrl-C to stop.\n');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await runtime.stop();
    });
}
