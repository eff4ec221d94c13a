// The local keys tests start the runtime with: the sample ships none (npm start generates them).

export const FUNCTION_KEY = 'test-predict-key';
export const FEEDBACK_KEY = 'test-feedback-key';
export const OPERATOR_KEY = 'test-operator-key';
export const ADMIN_KEY = 'test-admin-key';

/** The key settings, to spread into the runtime's app settings. */
export const TEST_KEYS: Record<string, string> = {
  LOCAL_FUNCTION_KEY: FUNCTION_KEY,
  LOCAL_FEEDBACK_KEY: FEEDBACK_KEY,
  LOCAL_OPERATOR_KEY: OPERATOR_KEY,
  LOCAL_ADMIN_KEY: ADMIN_KEY,
};
