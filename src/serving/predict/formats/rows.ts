import { badBody, type RequestFormat } from './request-format';

/** `{"rows": [{feature: value}, ...]}`: the app's own format. */
export const rowsFormat: RequestFormat = {
  key: 'rows',
  rowsAsSent: true,
  toRecords(value) {
    if (!Array.isArray(value)) throw badBody('rows', '"rows" must be a list of row objects');
    return value;
  },
};
