/**
 * Polls `check` every 50 ms until it returns true; fails naming `what` after `limitMs`, which is
 * generous because it only bounds a failure and files share the cores.
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  limitMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
