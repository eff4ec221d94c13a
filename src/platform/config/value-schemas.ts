import { Cron } from 'croner';
import { z } from 'zod';

/** A positive whole number given as text, e.g. "10000". */
export const positiveInt = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n) && n > 0);

/** A non-negative whole number given as text. */
export const nonNegativeInt = z
  .string()
  .regex(/^\d+$/)
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n));

/** An absolute http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/ });

/** A blob container name as Azure Storage accepts it. */
export const containerName = z.string().regex(/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/);

/** A queue name as Azure Storage accepts it (Service Bus accepts these too). */
export const queueName = containerName;

/** A six-field NCRONTAB expression (seconds first), as Functions timer triggers take. */
export const ncrontab = z.string().refine((s) => {
  if (s.split(/\s+/).length !== 6) return false;
  try {
    new Cron(s, { paused: true });
    return true;
  } catch {
    return false;
  }
});

/** `Key=Value;Key=Value` text as a case-sensitive map (values may contain '='). */
export function parseKeyValues(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of text.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) map.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return map;
}

/** A Cosmos DB connection string: AccountEndpoint=https://...;AccountKey=...; */
export const cosmosConnectionString = z.string().transform((s, ctx) => {
  const kv = parseKeyValues(s);
  const endpoint = kv.get('AccountEndpoint');
  const key = kv.get('AccountKey');
  if (!endpoint || !key || !httpUrl.safeParse(endpoint).success) {
    ctx.addIssue({ code: 'custom', message: 'bad connection string' });
    return z.NEVER;
  }
  return { endpoint, key };
});

/** A Storage connection string (account key, SAS or UseDevelopmentStorage=true). */
export const storageConnectionString = z
  .string()
  .refine(
    (s) => s === 'UseDevelopmentStorage=true' || /(AccountName|BlobEndpoint|SharedAccessSignature)=/.test(s),
  );

/**
 * APPLICATIONINSIGHTS_AUTHENTICATION_STRING as the Functions host reads it: `Authorization=AAD`,
 * optionally `;ClientId=<user-assigned identity's client id>` (keys in any case, any order).
 */
export const appInsightsAuthenticationString = z.string().transform((s, ctx) => {
  const kv = new Map([...parseKeyValues(s)].map(([k, v]) => [k.toLowerCase(), v]));
  const clientId = kv.get('clientid');
  const known = [...kv.keys()].every((k) => k === 'authorization' || k === 'clientid');
  if (
    kv.get('authorization') !== 'AAD' ||
    !known ||
    (clientId !== undefined && !z.uuid().safeParse(clientId).success)
  ) {
    ctx.addIssue({ code: 'custom', message: 'bad authentication string' });
    return z.NEVER;
  }
  return { clientId };
});
