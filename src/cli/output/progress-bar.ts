import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';

/** Renders `[#####-----]  42% 1.2/2.9 MB` on one line, redrawn in place (a TTY only). */
export function progressLine(label: string, done: number, total: number, width = 30): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${mb(done)}/${mb(total)} MB`;
}

/**
 * The file as a stream that redraws a progress bar on `out` as the uploader reads it; the bar
 * line is ended when the stream ends. Reads track the upload closely: blocks are sent as read.
 */
export function fileWithProgress(
  file: string,
  total: number,
  label: string,
  out: NodeJS.WriteStream,
): Readable {
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      out.write(`\r${progressLine(label, done, total)}`);
      callback(null, chunk);
    },
    flush(callback) {
      out.write(`\r${progressLine(label, total, total)}\n`);
      callback();
    },
  });
  return createReadStream(file).pipe(counter);
}
