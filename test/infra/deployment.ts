// What `azd up` would deploy, read from the compiled templates: main.bicep with its defaults (and
// once per @allowed value of each parameter), with networkIsolation on, and the blob triggers'
// Event Grid subscriptions (deployed after the code).
import { show, type Value } from './arm-expression';
import { deployedResources, type Resource, type Template } from './arm-template';

/** Stand-ins for the ids azd passes: the person deploying and the API's app registration. */
export const USER_PRINCIPAL = '00000000-0000-0000-0000-0000000000aa';
export const AUTH_CLIENT_ID = '00000000-0000-0000-0000-0000000000bb';
/** What the identity module's outputs look like once read through reference(). */
export const IDENTITY = {
  principalId: 'module:identity.outputs.principalId.value',
  clientId: 'module:identity.outputs.clientId.value',
  id: 'module:identity.outputs.id.value',
};
export const ISOLATED_MAX_INSTANCES = 123;

export interface Deployment {
  main: Template;
  /** main.bicep as azd deploys it by default. */
  resources: Resource[];
  /** The same, once per @allowed value of each parameter (the app settings hold for all). */
  variants: { label: string; resources: Resource[] }[];
  /** networkIsolation=true, maximumInstanceCount=ISOLATED_MAX_INSTANCES. */
  isolated: Resource[];
  subscriptions: Resource[];
}

const AZD_PARAMETERS: Record<string, Value> = {
  environmentName: 'ci',
  location: 'westeurope',
  principalId: USER_PRINCIPAL,
  authClientId: AUTH_CLIENT_ID,
};

/** The deployment the templates describe; `templates` maps '<file>.bicep' under infra/ to its ARM JSON. */
export function readDeployment(templates: Map<string, unknown>): Deployment {
  const get = (file: string): Template => {
    const t = templates.get(file);
    if (!t) throw new Error(`${file} did not compile`);
    return t as Template;
  };
  const main = get('main.bicep');
  const deploy = (extra: Record<string, Value> = {}) =>
    deployedResources(main, { ...AZD_PARAMETERS, ...extra });
  const variants = Object.entries(main.parameters ?? {}).flatMap(([name, p]) =>
    ((p as { allowedValues?: Value[] }).allowedValues ?? []).map((v) => ({
      label: `${name}=${show(v)}`,
      resources: deploy({ [name]: v }),
    })),
  );
  return {
    main,
    resources: deploy(),
    variants,
    isolated: deploy({ networkIsolation: true, maximumInstanceCount: ISOLATED_MAX_INSTANCES }),
    subscriptions: deployedResources(get('modules/blob-event-subscriptions.bicep'), {
      functionAppName: 'func-ci',
      systemTopicName: 'evgt-ci',
    }),
  };
}

export const ofType = (resources: Resource[], type: string): Resource[] =>
  resources.filter((r) => r.type === type);
export const lastName = (r: Resource): string => r.name.split('/').at(-1)!;

/** The Function App's settings (Microsoft.Web/sites/config appsettings). */
export function appSettings(resources: Resource[]): Map<string, Value> {
  const config = ofType(resources, 'Microsoft.Web/sites/config').find((r) => lastName(r) === 'appsettings');
  if (!config) throw new Error('the template sets no app settings (Microsoft.Web/sites/config appsettings)');
  return new Map(Object.entries(config.properties));
}

/** A nested property of an evaluated value, or undefined. */
export function at(value: Value | undefined, ...keys: (string | number)[]): Value | undefined {
  let v: Value | undefined = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || !(String(k) in v)) return undefined;
    v = (v as Record<string, Value>)[String(k)];
  }
  return v;
}
