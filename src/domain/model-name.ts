/**
 * The rule for model names: they become blob folders, Cosmos document ids and partition keys,
 * so only what is safe in all three.
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The rule in words, for error messages. */
export const MODEL_NAME_RULE = "use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit";

export const isModelName = (name: string): boolean => MODEL_NAME_PATTERN.test(name);
