// networkIsolation and the instance ceiling, and App Service Authentication, in the compiled
// templates. Each check returns its problems in words.
import { show, textOf, type Value } from './arm-expression';
import { AUTH_CLIENT_ID, ISOLATED_MAX_INSTANCES, at, lastName, ofType, type Deployment } from './deployment';

/** networkIsolation: public access off, a private endpoint per service, the app in the network. */
export function isolationProblems(d: Deployment): string[] {
  if (at(d.main.parameters?.networkIsolation as Value, 'type') !== 'bool')
    return ['main.bicep has no bool parameter networkIsolation'];
  const r = d.isolated;
  const problems: string[] = [];
  for (const type of [
    'Microsoft.Storage/storageAccounts',
    'Microsoft.DocumentDB/databaseAccounts',
    'Microsoft.ServiceBus/namespaces',
  ])
    for (const s of ofType(r, type))
      if (s.properties.publicNetworkAccess !== 'Disabled')
        problems.push(`networkIsolation leaves public access on ${type}`);
  const endpoints = ofType(r, 'Microsoft.Network/privateEndpoints');
  const zoneGroups = ofType(r, 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
  for (const [group, type] of [
    ['blob', 'Microsoft.Storage'],
    ['queue', 'Microsoft.Storage'],
    ['table', 'Microsoft.Storage'],
    ['Sql', 'Microsoft.DocumentDB'],
    ['namespace', 'Microsoft.ServiceBus'],
  ]) {
    const e = endpoints.find((p) => {
      const link = at(p.properties, 'privateLinkServiceConnections', 0, 'properties');
      return (
        JSON.stringify(at(link, 'groupIds')) === JSON.stringify([group]) &&
        show(at(link, 'privateLinkServiceId') ?? '').includes(type!)
      );
    });
    if (!e) problems.push(`networkIsolation adds no private endpoint for ${type} ${group}`);
    else if (!zoneGroups.some((z) => z.name.startsWith(`${e.name}/`)))
      problems.push(`the private endpoint for ${type} ${group} is in no private DNS zone`);
  }
  const site = ofType(r, 'Microsoft.Web/sites')[0]?.properties;
  if (!site?.virtualNetworkSubnetId || at(site, 'outboundVnetRouting', 'allTraffic') !== true)
    problems.push('networkIsolation does not route the app through the virtual network');
  const delegated = ofType(r, 'Microsoft.Network/virtualNetworks').some((v) =>
    JSON.stringify(v.properties.subnets ?? []).includes('"serviceName":"Microsoft.App/environments"'),
  );
  if (!delegated)
    problems.push('no subnet is delegated to Microsoft.App/environments (Flex Consumption VNet integration)');
  const bus = ofType(r, 'Microsoft.ServiceBus/namespaces')[0];
  if (at(bus?.value, 'sku', 'name') !== 'Premium')
    problems.push('networkIsolation needs Service Bus Premium (private endpoints)');
  for (const leftOver of ofType(d.resources, 'Microsoft.Network/privateEndpoints'))
    problems.push(`without networkIsolation the template still adds ${leftOver.name}`);
  const scale = at(site, 'functionAppConfig', 'scaleAndConcurrency', 'maximumInstanceCount');
  if (scale !== ISOLATED_MAX_INSTANCES)
    problems.push(`maximumInstanceCount is not the parameter (got ${show(scale ?? null)})`);
  return problems;
}

/** App Service Authentication validates Entra ID tokens for the app registration and lets the app decide. */
export function authProblems(d: Deployment): string[] {
  const auth = ofType(d.resources, 'Microsoft.Web/sites/config').find(
    (r) => lastName(r) === 'authsettingsV2',
  );
  if (!auth) return ['the template sets no App Service Authentication (authsettingsV2) for authClientId'];
  const p = auth.properties;
  const aad = at(p, 'identityProviders', 'azureActiveDirectory');
  const expected: [string, Value | undefined, Value][] = [
    ['platform.enabled', at(p, 'platform', 'enabled'), true],
    ['globalValidation.requireAuthentication', at(p, 'globalValidation', 'requireAuthentication'), false],
    [
      'globalValidation.unauthenticatedClientAction',
      at(p, 'globalValidation', 'unauthenticatedClientAction'),
      'AllowAnonymous',
    ],
    ['azureActiveDirectory.enabled', at(aad, 'enabled'), true],
    ['azureActiveDirectory.registration.clientId', at(aad, 'registration', 'clientId'), AUTH_CLIENT_ID],
    [
      'azureActiveDirectory.registration.clientSecretSettingName',
      at(aad, 'registration', 'clientSecretSettingName'),
      null,
    ],
    ['login.tokenStore.enabled', at(p, 'login', 'tokenStore', 'enabled'), false],
  ];
  const problems = expected
    .filter(([, got, want]) => (got ?? null) !== want)
    .map(([what, got, want]) => `authsettingsV2 ${what} is ${show(got ?? null)}, not ${show(want)}`);
  const audiences = at(aad, 'validation', 'allowedAudiences');
  if (!Array.isArray(audiences) || !audiences.includes(AUTH_CLIENT_ID))
    problems.push(`authsettingsV2 does not accept tokens for ${AUTH_CLIENT_ID}`);
  if (!textOf(at(aad, 'registration', 'openIdIssuer') ?? '').endsWith('/v2.0'))
    problems.push('authsettingsV2 openIdIssuer is not the tenant v2.0 issuer');
  return problems;
}
