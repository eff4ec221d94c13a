import type { RpcTypedData } from './functions-core-types';

/** The bytes of a host value (strings as UTF-8, JSON as its text); empty when unset. */
export function typedDataBytes(data: RpcTypedData | null | undefined): Buffer {
  if (!data) return Buffer.alloc(0);
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.stream) return Buffer.from(data.stream);
  if (typeof data.string === 'string') return Buffer.from(data.string, 'utf8');
  if (typeof data.json === 'string') return Buffer.from(data.json, 'utf8');
  if (typeof data.int === 'number' || typeof data.double === 'number') {
    return Buffer.from(String(data.int ?? data.double), 'utf8');
  }
  return Buffer.alloc(0);
}

/** True when the value carries nothing (undefined output, null return). */
export function isEmptyTypedData(data: RpcTypedData | null | undefined): boolean {
  return !data || Object.values(data).every((v) => v === undefined || v === null);
}

/** Host value of a string. */
export const stringData = (value: string): RpcTypedData => ({ string: value });
/** Host value of JSON-serialisable data. */
export const jsonData = (value: unknown): RpcTypedData => ({ json: JSON.stringify(value) });
/** Host value of bytes. */
export const bytesData = (value: Uint8Array): RpcTypedData => ({ bytes: value });
/** Host value of an integer. */
export const intData = (value: number): RpcTypedData => ({ int: value });
