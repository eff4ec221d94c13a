import { z } from 'zod';

// The predict route's shapes as DESIGN.md states them. The predict module checks bodies by hand
// (serving/predict/formats, which also names each bad field); the OpenAPI test checks that these
// variants are exactly its REQUEST_FORMATS keys. If predict moves to zod, import its schema here.

const record = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));

export const predictRequestSchema = z.union([
  z.object({ rows: z.array(record).min(1) }),
  z.object({
    dataframe_split: z.object({
      columns: z.array(z.string()),
      data: z.array(z.array(z.union([z.number(), z.string(), z.boolean(), z.null()]))),
    }),
  }),
  z.object({ dataframe_records: z.array(record).min(1) }),
]);

export const predictResponseSchema = z.object({
  model: z.string(),
  version: z.number().int(),
  requestId: z.string().describe('quote it in feedback'),
  predictions: z.array(z.union([z.number(), z.string()])).describe('classifiers: the class labels'),
  classes: z.array(z.string()).optional().describe('classifiers only: the labels, in probability order'),
  probabilities: z.array(z.array(z.number())).optional().describe('classifiers only'),
});
