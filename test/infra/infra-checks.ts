// The compiled templates against facts read from the code. Each check returns the problems in
// words, so a test asserts an empty list and a drift names what moved.
import type { z } from 'zod';
import { show, textOf, type Value } from './arm-expression';
import type { Resource } from './arm-template';
import { IDENTITY, appSettings, at, lastName, ofType, type Deployment } from './deployment';

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

function settingProblems(set: Map<string, Value>, facts: CodeFacts, policy: SettingsPolicy, label: string) {
  const problems: string[] = [];
  const known = new Map(facts.settings.map((s) => [s.name, s]));
  for (const [name, value] of set) {
    const s = known.get(name);
    if (!s && !(name in policy.hostSettings))
      problems.push(`the template sets ${name}, which is neither an app setting nor a listed host setting`);
    if (KEY_LIKE.test(show(value)))
      problems.push(`the template sets ${name} to a key or secret: ${show(value)}`);
    if (s?.secret && !(name in policy.notACredentialInAzure))
      problems.push(`the template sets ${name}, a credential: use the identity-based setting instead`);
    if (s && typeof value === 'string' && !s.schema.safeParse(value).success)
      problems.push(
        `${label}: the template sets ${name} to "${value}", which the app refuses: expected ${s.expected}`,
      );
  }
  for (const s of facts.settings) {
    if (s.default === undefined && !set.has(s.name) && !(s.name in policy.notSetInAzure))
      problems.push(`${s.name} has no default and the template does not set it`);
    if (s.name in policy.notSetInAzure && set.has(s.name))
      problems.push(`${s.name} is listed as not set in Azure, yet the template sets it`);
  }
  return problems;
}

/** Settings the code reads, and the identity each connection uses. */
export function appSettingProblems(d: Deployment, facts: CodeFacts, policy: SettingsPolicy): string[] {
  const set = appSettings(d.resources);
  const problems = [
    ...settingProblems(set, facts, policy, 'by default'),
    ...d.variants.flatMap((v) => settingProblems(appSettings(v.resources), facts, policy, `with ${v.label}`)),
  ];
  for (const name of Object.keys(policy.notSetInAzure).filter(
    (n) => !facts.settings.some((s) => s.name === n),
  ))
    problems.push(`${name} is listed as not set in Azure but is no app setting`);
  // Identity-based connections (<CONN>__accountName, <CONN>__fullyQualifiedNamespace) need the
  // host told which identity: <CONN>__credential and <CONN>__clientId.
  for (const [name] of set) {
    const conn = /^(.+)__(accountName|fullyQualifiedNamespace)$/.exec(name)?.[1];
    if (!conn) continue;
    if (set.get(`${conn}__credential`) !== 'managedidentity')
      problems.push(`${conn}: the template sets ${name} without ${conn}__credential = managedidentity`);
    if (show(set.get(`${conn}__clientId`) ?? '') !== `«${IDENTITY.clientId}»`)
      problems.push(`${conn}: ${conn}__clientId is not the app identity's client id`);
  }
  if (show(set.get('AZURE_CLIENT_ID') ?? '') !== `«${IDENTITY.clientId}»`)
    problems.push("AZURE_CLIENT_ID is not the app identity's client id");
  if (
    !show(set.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING') ?? '').includes(
      `ClientId=«${IDENTITY.clientId}»`,
    )
  )
    problems.push(
      'telemetry does not authenticate with the app identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING)',
    );
  if (set.get('BLOB_TRIGGER_SOURCE') !== 'EventGrid')
    problems.push(
      `blob triggers in Azure must use Event Grid (Flex Consumption): the template sets BLOB_TRIGGER_SOURCE to "${show(set.get('BLOB_TRIGGER_SOURCE') ?? '')}"`,
    );
  const site = ofType(d.resources, 'Microsoft.Web/sites')[0];
  const identities = Object.keys(at(site?.value, 'identity', 'userAssignedIdentities') ?? {});
  if (identities.length !== 1 || !identities[0]!.includes(IDENTITY.id))
    problems.push('the Function App does not run as the user-assigned identity alone');
  const deployment = at(site?.properties, 'functionAppConfig', 'deployment', 'storage', 'authentication');
  if (show(at(deployment, 'userAssignedIdentityResourceId') ?? '') !== `«${IDENTITY.id}»`)
    problems.push('the deployment container is not read with the app identity');
  return problems;
}

const names = (resources: Resource[], type: string): string[] => ofType(resources, type).map(lastName);

/** Containers, queues, Cosmos DB containers and their partition keys, the plan and runtime. */
export function contractProblems(d: Deployment, facts: CodeFacts): string[] {
  const problems: string[] = [];
  const expect = (what: string, expected: [string, string][], created: string[]) => {
    for (const [from, name] of expected)
      if (!created.includes(name)) problems.push(`${what} "${name}" (${from}) is not created`);
  };
  const r = d.resources;
  expect(
    'blob container',
    facts.blobContainers,
    names(r, 'Microsoft.Storage/storageAccounts/blobServices/containers'),
  );
  expect('Storage queue', facts.queues, names(r, 'Microsoft.Storage/storageAccounts/queueServices/queues'));
  const busQueues = ofType(r, 'Microsoft.ServiceBus/namespaces/queues');
  expect('Service Bus queue', facts.queues, busQueues.map(lastName));
  const maxDeliveryCount = at(d.main.parameters?.maxDeliveryCount as Value, 'defaultValue');
  for (const q of busQueues) {
    const p = q.properties;
    if (p.requiresDuplicateDetection !== true)
      problems.push(`Service Bus queue ${lastName(q)} lacks duplicate detection`);
    if (p.deadLetteringOnMessageExpiration !== true)
      problems.push(`Service Bus queue ${lastName(q)} does not dead-letter on expiry`);
    if (p.maxDeliveryCount !== maxDeliveryCount)
      problems.push(`Service Bus queue ${lastName(q)} does not take maxDeliveryCount from the parameter`);
  }
  const databases = names(r, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases');
  if (!databases.includes(facts.cosmosDatabase))
    problems.push(`Cosmos DB database "${facts.cosmosDatabase}" (COSMOS_DATABASE) is not created`);
  const containers = ofType(r, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
  expect(
    'Cosmos DB container',
    facts.cosmosContainers.map((c) => ['CONTAINER_IDS', c]),
    containers.map(lastName),
  );
  for (const c of containers)
    if (JSON.stringify(at(c.properties, 'resource', 'partitionKey', 'paths')) !== '["/model"]')
      problems.push(`Cosmos DB container ${lastName(c)} is not partitioned by /model`);
  const plan = ofType(r, 'Microsoft.Web/serverfarms')[0];
  if (at(plan?.value, 'sku', 'tier') !== 'FlexConsumption') problems.push('the plan is not Flex Consumption');
  const site = ofType(r, 'Microsoft.Web/sites')[0];
  const runtime = at(site?.properties, 'functionAppConfig', 'runtime');
  if (at(runtime, 'name') !== 'node' || at(runtime, 'version') !== facts.nodeMajor)
    problems.push(`the runtime is not Node ${facts.nodeMajor} (package.json engines)`);
  return problems;
}

/** Each blob-triggered function has an Event Grid subscription for its container, and nothing else does. */
export function blobSubscriptionProblems(d: Deployment, facts: CodeFacts): string[] {
  const file = 'infra/modules/blob-event-subscriptions.bicep';
  const subscribed = ofType(d.subscriptions, 'Microsoft.EventGrid/systemTopics/eventSubscriptions').map(
    (s) => {
      const url = textOf(at(s.properties, 'destination', 'properties', 'endpointUrl') ?? '');
      const webhook =
        /\/runtime\/webhooks\/blobs\?functionName=Host\.Functions\.(\w+)&code=«listKeys\([^»]*\/host\/default[^»]*\)\.systemKeys\.blobs_extension»$/i.exec(
          url,
        );
      const subject = show(at(s.properties, 'filter', 'subjectBeginsWith') ?? '');
      const created =
        JSON.stringify(at(s.properties, 'filter', 'includedEventTypes')) ===
        '["Microsoft.Storage.BlobCreated"]';
      return {
        name: s.name,
        functionName: webhook?.[1],
        container: /^\/blobServices\/default\/containers\/([^/]+)\/$/.exec(subject)?.[1],
        created,
      };
    },
  );
  const problems: string[] = [];
  for (const s of subscribed) {
    if (!s.functionName)
      problems.push(`${file}: ${s.name} is not the blob extension webhook with its system key`);
    if (!s.container) problems.push(`${file}: ${s.name} is not filtered by container`);
    if (!s.created) problems.push(`${file}: ${s.name} does not deliver BlobCreated events alone`);
  }
  for (const t of facts.blobTriggers) {
    const found = subscribed.find((s) => s.functionName === t.functionName);
    if (!found)
      problems.push(`blob-triggered function ${t.functionName} has no Event Grid subscription in ${file}`);
    else if (found.container !== t.container)
      problems.push(
        `${t.functionName} watches "${t.container}" but ${file} subscribes it to "${found.container}"`,
      );
  }
  for (const s of subscribed.filter(
    (s) => s.functionName && !facts.blobTriggers.some((t) => t.functionName === s.functionName),
  ))
    problems.push(`${file} subscribes ${s.functionName}, which is no blob-triggered function`);
  return problems;
}
