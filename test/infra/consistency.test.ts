// infra/ against the code, read from the compiled ARM templates (bicep build): the settings the
// config reads and the identity of each connection, the contract's containers, queues and Cosmos
// DB containers (read from the code's defaults), the blob triggers' Event Grid subscriptions, and
// least privilege. Each check is shown to fail by a copy of the compiled templates with its
// feature taken out (infra-mutants.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFunctionApp } from '../../src/local/app-loader';
import { resolveSettingReferences } from '../../src/local/app-settings';
import { compileBlobPath } from '../../src/local/triggers/blob-path-pattern';
import { SETTINGS } from '../../src/platform/config';
import { CONTAINER_IDS } from '../../src/platform/registry/registry-containers';
import { HOW_TO_RUN, ROOT, buildAll, findBicep, formatDiagnostic } from './bicep-compiler';
import { readDeployment, type Deployment } from './deployment';
import {
  appSettingProblems,
  blobSubscriptionProblems,
  contractProblems,
  type CodeFacts,
  type SettingsPolicy,
} from './infra-checks';
import { authProblems, isolationProblems } from './isolation-and-auth-checks';
import { appAccessProblems, keylessProblems, recoveryProblems, roleProblems } from './least-privilege-checks';
import { MUTANTS, mutated } from './infra-mutants';

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { main: string; engines: { node: string } };
const sample = (JSON.parse(read('local.settings.sample.json')) as { Values: Record<string, string> }).Values;
const DEPLOYMENT_CONTAINER = 'app-package';

const bicep = findBicep();
if (!bicep) console.warn(`test/infra/consistency.test.ts skipped: no Bicep compiler (${HOW_TO_RUN}).`);

const POLICY: SettingsPolicy = {
  hostSettings: {
    AzureWebJobsStorage__credential: 'the host uses the managed identity for its storage connection',
    AzureWebJobsStorage__clientId: 'which identity: the user-assigned one',
    SERVICEBUS_CONNECTION__credential: 'the Service Bus triggers use the managed identity',
    SERVICEBUS_CONNECTION__clientId: 'which identity: the user-assigned one',
    AZURE_CLIENT_ID: "the app's DefaultAzureCredential picks the user-assigned identity by it",
  },
  notSetInAzure: {
    AzureWebJobsStorage: 'a connection string: Azure uses AzureWebJobsStorage__accountName with the identity',
    AzureWebJobsStorage__blobServiceUri: 'derived from AzureWebJobsStorage__accountName',
    AzureWebJobsStorage__queueServiceUri: 'derived from AzureWebJobsStorage__accountName',
    COSMOS_CONNECTION: 'a connection string with a key: Azure uses COSMOS_ENDPOINT with the identity',
    SERVICEBUS_CONNECTION: 'a connection string with a key: Azure uses __fullyQualifiedNamespace',
    LOCAL_FUNCTION_KEY: 'local runtime only: the Functions host manages keys in Azure',
    LOCAL_FEEDBACK_KEY: 'local runtime only: Entra ID app roles stand for it in Azure',
    LOCAL_OPERATOR_KEY: 'local runtime only: Entra ID app roles stand for it in Azure',
    LOCAL_ADMIN_KEY: 'local runtime only: the Functions host manages keys in Azure',
    LOCAL_HTTP_PORT: 'local runtime only',
    AzureFunctionsWebHost__hostid: 'the Functions host sets its own host id in Azure',
    WEBSITE_TIME_ZONE: 'timers run in UTC, as the setting documents when it is unset',
  },
  notACredentialInAzure: {
    APPLICATIONINSIGHTS_CONNECTION_STRING:
      'it names the resource; with local auth off nothing is accepted without an Entra ID token',
  },
};

let FACTS: CodeFacts;
let TEMPLATES: Map<string, unknown>;
let REAL: Deployment;
const scratch = mkdtempSync(path.join(tmpdir(), 'infra-arm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(() => {
  if (!bicep) return;
  const entry = path.join(ROOT, pkg.main);
  if (!existsSync(entry)) throw new Error(`${pkg.main} is missing: run \`npm run build\` first.`);
  for (const [name, value] of Object.entries(sample)) process.env[name] ??= value;
  const app = loadFunctionApp(entry);
  const byDefault = (suffix: string): [string, string][] =>
    SETTINGS.filter((s) => s.name.endsWith(suffix)).map((s): [string, string] => [
      s.name,
      ('default' in s && s.default) || '',
    ]);
  FACTS = {
    settings: SETTINGS,
    blobContainers: byDefault('_CONTAINER'),
    queues: byDefault('_QUEUE'),
    cosmosDatabase: SETTINGS.find((s) => s.name === 'COSMOS_DATABASE')!.default!,
    cosmosContainers: CONTAINER_IDS,
    blobTriggers: app.byTrigger('blobTrigger').map((fn) => ({
      functionName: fn.metadata.name,
      container: compileBlobPath(resolveSettingReferences(String(fn.trigger.path), sample, 'path')).container,
    })),
    nodeMajor: /(\d+)/.exec(pkg.engines.node)![1]!,
  };
  // infra/ compiled by the pinned compiler, once; the mutants are copies of its output.
  const built = buildAll(bicep, path.join(ROOT, 'infra'), scratch);
  const errors = built.diagnostics.filter((d) => d.level === 'Error');
  if (errors.length) throw new Error(`infra/ does not compile:\n${errors.map(formatDiagnostic).join('\n')}`);
  TEMPLATES = built.templates;
  REAL = readDeployment(TEMPLATES);
}, 300_000);

const allProblems = (d: Deployment, facts: CodeFacts = FACTS): string[] => {
  const containers = facts.blobContainers.map(([, c]) => c);
  const queues = facts.queues.map(([, q]) => q);
  return [
    ...appSettingProblems(d, facts, POLICY),
    ...contractProblems(d, facts),
    ...blobSubscriptionProblems(d, facts),
    ...roleProblems(d, DEPLOYMENT_CONTAINER),
    ...appAccessProblems(d, [...containers, DEPLOYMENT_CONTAINER], queues),
    ...keylessProblems(d),
    ...recoveryProblems(d, ['models', 'datasets']),
    ...isolationProblems(d),
    ...authProblems(d),
  ];
};

describe.skipIf(!bicep)('the compiled infra/ agrees with the code', () => {
  it('reads the contract from the code, not from a copy', () => {
    expect(FACTS.blobContainers.map(([, name]) => name)).toEqual([
      'datasets',
      'models',
      'incoming-models',
      'prediction-logs',
      'scoring',
      'predictions',
    ]);
    expect(FACTS.queues).toHaveLength(4);
    expect(FACTS.blobTriggers.map((t) => t.functionName).sort()).toEqual([
      'ingestUploadedModel',
      'scoreDrop',
      'trainOnDataDrop',
    ]);
  });

  it('sets the settings, creates the contract, grants least privilege, keyless', () => {
    expect(allProblems(REAL)).toEqual([]);
  });

  it('names a contract name the code changed and the Bicep did not', () => {
    const facts = { ...FACTS, queues: [...FACTS.queues.slice(1), ['VALIDATE_QUEUE', 'validation-requests']] };
    expect(allProblems(REAL, facts as CodeFacts)).toEqual(
      expect.arrayContaining([
        'Storage queue "validation-requests" (VALIDATE_QUEUE) is not created',
        'Service Bus queue "validation-requests" (VALIDATE_QUEUE) is not created',
      ]),
    );
  });

  it.each(MUTANTS.map((m) => [m.name, m] as const))('names %s', (_name, mutant) => {
    const expected =
      typeof mutant.problem === 'string' ? mutant.problem : expect.stringMatching(mutant.problem);
    expect(allProblems(readDeployment(mutated(TEMPLATES, mutant)))).toEqual(
      expect.arrayContaining([expected]),
    );
  });
});

describe('azd wiring around the template', () => {
  it('runs the app registration before provisioning and the blob subscriptions after deploy', () => {
    const yaml = read('azure.yaml');
    expect(yaml).toMatch(
      /^ {2}preprovision:\n(?: {4}.*\n)*? {6}run: \.\/infra\/scripts\/register-api-app\.sh$/m,
    );
    expect(yaml).toMatch(/^ {2}postdeploy:$/m);
    for (const script of [
      'infra/scripts/subscribe-blob-triggers.sh',
      'infra/scripts/subscribe-blob-triggers.ps1',
    ]) {
      expect(yaml).toContain(`./${script}`);
      expect(read(script)).toContain('--template-file infra/modules/blob-event-subscriptions.bicep');
    }
    const parameters = JSON.parse(read('infra/main.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    expect(parameters.parameters.authClientId).toEqual({ value: '${AUTH_CLIENT_ID}' });
    expect(read('infra/scripts/register-api-app.sh')).toContain('azd env set AUTH_CLIENT_ID');
  });

  it('declares exactly the app roles the app reads: predict, feedback, operate', () => {
    const roles = JSON.parse(read('infra/app-roles.json')) as {
      value: string;
      id: string;
      isEnabled: boolean;
      allowedMemberTypes: string[];
    }[];
    expect(roles.map((r) => r.value)).toEqual(['predict', 'feedback', 'operate']);
    expect(new Set(roles.map((r) => r.id)).size).toBe(3);
    for (const r of roles) {
      expect(r.isEnabled).toBe(true);
      expect(r.allowedMemberTypes.sort()).toEqual(['Application', 'User']);
    }
  });
});
