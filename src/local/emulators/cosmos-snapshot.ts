import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CosmosClient } from '@azure/cosmos';
import { z } from 'zod';
import { corruptData } from './errors';

// The Cosmos stand-in keeps everything in memory, so its content is saved to one JSON file
// through the Cosmos API itself (its internals are not reachable) and replayed at start.

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'] as const;

const containerSchema = z.object({
  id: z.string(),
  partitionKey: z
    .object({ paths: z.array(z.string()), kind: z.string().optional() })
    .loose()
    .optional(),
  uniqueKeyPolicy: z.object({ uniqueKeys: z.array(z.object({ paths: z.array(z.string()) })) }).optional(),
  items: z.array(z.record(z.string(), z.unknown())),
});
const snapshotSchema = z.object({
  format: z.literal(1),
  databases: z.array(z.object({ id: z.string(), containers: z.array(containerSchema) })),
});
type Snapshot = z.infer<typeof snapshotSchema>;

/** Reads every database, container and document of the account into a snapshot. */
export async function takeSnapshot(client: CosmosClient): Promise<Snapshot> {
  const { resources: dbs } = await client.databases.readAll().fetchAll();
  const databases: Snapshot['databases'] = [];
  for (const db of dbs) {
    const { resources: cs } = await client.database(db.id).containers.readAll().fetchAll();
    const containers = [];
    for (const c of cs) {
      const { resources: docs } = await client.database(db.id).container(c.id).items.readAll().fetchAll();
      containers.push({
        id: c.id,
        partitionKey: c.partitionKey as z.infer<typeof containerSchema>['partitionKey'],
        uniqueKeyPolicy: c.uniqueKeyPolicy,
        items: docs.map(stripSystemFields),
      });
    }
    databases.push({ id: db.id, containers });
  }
  return { format: 1, databases };
}

/** Writes the snapshot atomically (temporary file, then rename). */
export function writeSnapshot(file: string, snapshot: Snapshot): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(snapshot));
  renameSync(tmp, file);
}

/** Reads a snapshot file; undefined when absent, a corrupt_data error when unreadable. */
export function readSnapshot(file: string): Snapshot | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw corruptData(file, 'not valid JSON', err);
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success)
    throw corruptData(file, `unexpected content: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** Re-creates the snapshot's databases, containers and documents (document ETags are new). */
export async function restoreSnapshot(client: CosmosClient, snapshot: Snapshot): Promise<void> {
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: c.partitionKey?.paths.length ? { paths: c.partitionKey.paths } : undefined,
        uniqueKeyPolicy: c.uniqueKeyPolicy,
      });
      for (let i = 0; i < c.items.length; i += 32) {
        await Promise.all(c.items.slice(i, i + 32).map((doc) => container.items.upsert(doc)));
      }
    }
  }
}

function stripSystemFields(doc: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc };
  for (const field of SYSTEM_FIELDS) delete out[field];
  return out;
}
