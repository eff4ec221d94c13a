import { badBody, type RequestFormat } from './request-format';

/** MLflow's `{"dataframe_records": [{column: value}, ...]}` (pandas `orient="records"`). */
export const dataframeRecordsFormat: RequestFormat = {
  key: 'dataframe_records',
  rowsAsSent: true,
  toRecords(value) {
    if (!Array.isArray(value)) {
      throw badBody('dataframe_records', '"dataframe_records" must be a list of row objects');
    }
    return value;
  },
};
