// Comparisons of infra/ (Bicep text) with facts read from the code. Each returns the problems in
// words, so a test asserts an empty list and a drift names what moved.
import type { z } from 'zod';
import {
  allowedValues,
  declarationBlock,
  declared,
  literalValue,
  objectEntries,
  stringLiterals,
  topLevelParts,
} from './bicep-text';

/** The Bicep files, by path relative to infra/ (e.g. 'main.bicep', 'modules/storage.bicep'). */
export type InfraFiles = Record<string, string>;

export interface SettingFacts {
  name: string;
  default?: string;
  secret?: boolean;
  expected: string;
  schema: z.ZodType;
}

/** What the code says the infrastructure must provide. */
export interface CodeFacts {
  settings: readonly SettingFacts[];
  /** Blob containers and queues named by settings defaults: [setting, name]. */
  blobContainers: [string, string][];
  queues: [string, string][];
  cosmosDatabase: string;
  cosmosContainers: readonly string[];
  /** Blob-triggered functions of the compiled app and the container each watches. */
  blobTriggers: { functionName: string; container: string }[];
  nodeMajor: string;
}

/** Exceptions, each with the reason it is one. */
export interface SettingsPolicy {
  /** Settings of the Functions host or the Azure SDK, set by the Bicep but not read by the config. */
  hostSettings: Record<string, string>;
  /** App settings the Bicep leaves unset although they have no default. */
  notSetInAzure: Record<string, string>;
  /** Settings marked secret that the Bicep may still set (the value is not a credential). */
  notACredentialInAzure: Record<string, string>;
}

const KEY_LIKE =
  /listKeys|listConnectionStrings|AccountKey=|SharedAccessKey|primaryMasterKey|\.keys\b|password|secret/i;

function file(files: InfraFiles, path: string): string {
  const text = files[path];
  if (text === undefined) throw new Error(`infra/${path} is missing`);
  return text;
}

/** The Function App's settings as main.bicep declares them (`var appSettings = {...}`). */
export function bicepAppSettings(files: InfraFiles): Map<string, string> {
  const block = declared(file(files, 'main.bicep'), 'var', 'appSettings');
  if (!block) throw new Error('infra/main.bicep declares no `var appSettings = {...}`');
  return objectEntries(block);
}

/** Every value a Bicep expression can take when it is a literal, a var or an @allowed param. */
function possibleValues(main: string, value: string): string[] | undefined {
  const literal = literalValue(main, value);
  if (literal !== undefined) return [literal];
  if (/^\w+$/.test(value)) return allowedValues(main, value);
  return undefined;
}

export function appSettingProblems(files: InfraFiles, facts: CodeFacts, policy: SettingsPolicy): string[] {
  const main = file(files, 'main.bicep');
  const set = bicepAppSettings(files);
  const problems: string[] = [];
  const known = new Map(facts.settings.map((s) => [s.name, s]));
  for (const [name, value] of set) {
    const s = known.get(name);
    if (!s && !(name in policy.hostSettings))
      problems.push(
        `infra/main.bicep sets ${name}, which is neither an app setting nor a listed host setting`,
      );
    if (KEY_LIKE.test(value)) problems.push(`infra/main.bicep sets ${name} to a key or secret: ${value}`);
    if (s?.secret && !(name in policy.notACredentialInAzure))
      problems.push(`infra/main.bicep sets ${name}, a credential: use the identity-based setting instead`);
    for (const v of (s && possibleValues(main, value)) ?? []) {
      if (!s!.schema.safeParse(v).success)
        problems.push(
          `infra/main.bicep sets ${name} to "${v}", which the app refuses: expected ${s!.expected}`,
        );
    }
  }
  for (const s of facts.settings) {
    const unset = s.default === undefined && !set.has(s.name);
    if (unset && !(s.name in policy.notSetInAzure))
      problems.push(`${s.name} has no default and infra/main.bicep does not set it`);
    if (s.name in policy.notSetInAzure && set.has(s.name))
      problems.push(`${s.name} is listed as not set in Azure, yet infra/main.bicep sets it`);
  }
  for (const name of Object.keys(policy.notSetInAzure).filter((n) => !known.has(n)))
    problems.push(`${name} is listed as not set in Azure but is no app setting`);
  // Identity-based connections (<CONN>__accountName, <CONN>__fullyQualifiedNamespace) need the
  // host told which identity: <CONN>__credential and <CONN>__clientId.
  for (const [name] of set) {
    const conn = /^(.+)__(accountName|fullyQualifiedNamespace)$/.exec(name)?.[1];
    if (!conn) continue;
    if (set.get(`${conn}__credential`) !== "'managedidentity'")
      problems.push(`${conn}: infra/main.bicep sets ${name} without ${conn}__credential = 'managedidentity'`);
    if (!set.has(`${conn}__clientId`))
      problems.push(
        `${conn}: infra/main.bicep sets ${name} without ${conn}__clientId (user-assigned identity)`,
      );
  }
  const source = possibleValues(main, set.get('BLOB_TRIGGER_SOURCE') ?? "''");
  if (source?.join() !== 'EventGrid')
    problems.push(
      `blob triggers in Azure must use Event Grid (Flex Consumption): infra/main.bicep sets BLOB_TRIGGER_SOURCE to "${source?.join('|') ?? '?'}"`,
    );
  return problems;
}

/** A var of main.bicep holding a list of names, e.g. `var blobContainers = ['datasets', ...]`. */
function names(main: string, variable: string): string[] {
  const value = declared(main, 'var', variable);
  return value ? stringLiterals(value) : [];
}

/** The module block of main.bicep passing `param` must mention `variable` in that param. */
function passes(main: string, module: string, param: string, variable: string): string[] {
  const params = objectEntries(
    objectEntries(declarationBlock(main, 'module', module) ?? '{}').get('params') ?? '{}',
  );
  const given = params.get(param) ?? '';
  return new RegExp(`\\b${variable}\\b`).test(given)
    ? []
    : [`infra/main.bicep: module ${module} does not pass ${variable} as ${param} (it passes "${given}")`];
}

/** The module creates one `type` resource per item of its `param` array. */
function loops(files: InfraFiles, path: string, type: string, param: string): string[] {
  const looped = new RegExp(`^resource \\w+ '${type}@[\\w-]+' = \\[\\s*for \\w+ in ${param}:`, 'm');
  return looped.test(file(files, path)) ? [] : [`infra/${path} does not create a ${type} per ${param}`];
}

export function contractProblems(files: InfraFiles, facts: CodeFacts): string[] {
  const main = file(files, 'main.bicep');
  const problems: string[] = [];
  const missing = (what: string, expected: [string, string][], variable: string) => {
    const created = names(main, variable);
    for (const [from, name] of expected)
      if (!created.includes(name))
        problems.push(
          `${what} "${name}" (${from}) is not created: add it to var ${variable} of infra/main.bicep`,
        );
  };
  missing('blob container', facts.blobContainers, 'blobContainers');
  missing('queue', facts.queues, 'pipelineQueues');
  missing(
    'Cosmos DB container',
    facts.cosmosContainers.map((c) => ['CONTAINER_IDS', c]),
    'cosmosContainers',
  );
  const database = literalValue(main, 'cosmosDatabaseName');
  if (database !== facts.cosmosDatabase)
    problems.push(
      `Cosmos DB database "${facts.cosmosDatabase}" (COSMOS_DATABASE) is not created (Bicep: "${database}")`,
    );
  problems.push(
    ...passes(main, 'storage', 'containerNames', 'blobContainers'),
    ...passes(main, 'storage', 'queueNames', 'pipelineQueues'),
    ...passes(main, 'serviceBus', 'queueNames', 'pipelineQueues'),
    ...passes(main, 'cosmos', 'containerNames', 'cosmosContainers'),
    ...passes(main, 'cosmos', 'databaseName', 'cosmosDatabaseName'),
    ...loops(
      files,
      'modules/storage.bicep',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
      'containerNames',
    ),
    ...loops(
      files,
      'modules/storage.bicep',
      'Microsoft.Storage/storageAccounts/queueServices/queues',
      'queueNames',
    ),
    ...loops(files, 'modules/servicebus.bicep', 'Microsoft.ServiceBus/namespaces/queues', 'queueNames'),
    ...loops(
      files,
      'modules/cosmos.bicep',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
      'containerNames',
    ),
  );
  const expectLine = (path: string, pattern: RegExp, what: string) => {
    if (!pattern.test(file(files, path))) problems.push(`infra/${path}: ${what}`);
  };
  expectLine(
    'modules/cosmos.bicep',
    /partitionKey: \{ paths: \['\/model'\]/,
    'containers are not partitioned by /model',
  );
  expectLine(
    'modules/servicebus.bicep',
    /requiresDuplicateDetection: true/,
    'queues lack duplicate detection',
  );
  expectLine(
    'modules/servicebus.bicep',
    /deadLetteringOnMessageExpiration: true/,
    'queues do not dead-letter on expiry',
  );
  expectLine(
    'modules/servicebus.bicep',
    /maxDeliveryCount: maxDeliveryCount/,
    'queues do not set maxDeliveryCount',
  );
  expectLine('modules/functionapp.bicep', /tier: 'FlexConsumption'/, 'the plan is not Flex Consumption');
  expectLine(
    'modules/functionapp.bicep',
    new RegExp(`runtime: \\{ name: 'node', version: '${facts.nodeMajor}' \\}`),
    `the runtime is not Node ${facts.nodeMajor} (package.json engines)`,
  );
  return problems;
}

/** Local (key) authentication is off on every service the app reaches. */
export function keylessProblems(files: InfraFiles): string[] {
  const checks: [string, RegExp][] = [
    ['modules/storage.bicep', /allowSharedKeyAccess: false/],
    ['modules/cosmos.bicep', /disableLocalAuth: true/],
    ['modules/servicebus.bicep', /disableLocalAuth: true/],
    ['modules/monitoring.bicep', /DisableLocalAuth: true/],
  ];
  return checks
    .filter(([path, pattern]) => !pattern.test(file(files, path)))
    .map(([path, pattern]) => `infra/${path} does not turn key access off (${pattern.source})`);
}

/** Each blob-triggered function has an Event Grid subscription for its container, and nothing else does. */
export function blobSubscriptionProblems(files: InfraFiles, facts: CodeFacts): string[] {
  const path = 'modules/blob-event-subscriptions.bicep';
  const text = file(files, path);
  const declaredTriggers = topLevelParts(declared(text, 'var', 'blobTriggers') ?? '[]').map((part) => {
    const entry = objectEntries(part);
    return {
      functionName: literalValue(text, entry.get('functionName') ?? '') ?? '',
      container: literalValue(text, entry.get('container') ?? '') ?? '',
    };
  });
  const problems: string[] = [];
  for (const t of facts.blobTriggers) {
    const found = declaredTriggers.find((d) => d.functionName === t.functionName);
    if (!found)
      problems.push(
        `blob-triggered function ${t.functionName} has no Event Grid subscription in infra/${path}`,
      );
    else if (found.container !== t.container)
      problems.push(
        `${t.functionName} watches "${t.container}" but infra/${path} subscribes it to "${found.container}"`,
      );
  }
  for (const d of declaredTriggers.filter(
    (d) => !facts.blobTriggers.some((t) => t.functionName === d.functionName),
  ))
    problems.push(`infra/${path} subscribes ${d.functionName}, which is no blob-triggered function`);
  if (
    !/\/runtime\/webhooks\/blobs\?functionName=Host\.Functions\.\$\{trigger\.functionName\}&code=\$\{/.test(
      text,
    )
  )
    problems.push(`infra/${path}: the webhook is not the blob extension endpoint`);
  if (!/listKeys\([^)]*\/host\/default[^)]*\)\.systemKeys\.blobs_extension/.test(text))
    problems.push(`infra/${path}: the webhook key is not the host's blobs_extension system key`);
  if (!/subjectBeginsWith: '\/blobServices\/default\/containers\/\$\{trigger\.container\}\/'/.test(text))
    problems.push(`infra/${path}: the subscriptions are not filtered by container`);
  return problems;
}
