import { badBody, type RequestFormat } from './request-format';

/**
 * MLflow's `{"dataframe_split": {"columns": [...], "data": [[...], ...]}}` (pandas
 * `orient="split"`; an `index` key is allowed and ignored). Each data row must have one value
 * per column.
 */
export const dataframeSplitFormat: RequestFormat = {
  key: 'dataframe_split',
  rowsAsSent: false,
  toRecords(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw badBody('dataframe_split', '"dataframe_split" must be an object with "columns" and "data"');
    }
    const { columns, data } = value as { columns?: unknown; data?: unknown };
    if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) {
      throw badBody('dataframe_split.columns', '"dataframe_split.columns" must be a list of column names');
    }
    if (new Set(columns).size !== columns.length) {
      throw badBody('dataframe_split.columns', '"dataframe_split.columns" must not repeat a name');
    }
    if (!Array.isArray(data)) {
      throw badBody(
        'dataframe_split.data',
        '"dataframe_split.data" must be a list of rows (lists of values)',
      );
    }
    return data.map((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== columns.length) {
        throw badBody(
          `dataframe_split.data[${i}]`,
          `Row ${i} of "dataframe_split.data" must be a list of ${columns.length} values, one per column`,
        );
      }
      const record: Record<string, unknown> = {};
      for (let j = 0; j < columns.length; j++) record[columns[j] as string] = row[j];
      return record;
    });
  },
};
