// Least privilege in the compiled templates (issue 15 item 6): who holds which data role where,
// keys and basic auth off, recovery of models and data drops. Each check returns its problems in
// words; isolation-and-auth-checks.ts has the network and App Service Authentication.
import { show, type Value } from './arm-expression';
import type { Resource } from './arm-template';
import { IDENTITY, USER_PRINCIPAL, at, lastName, ofType, type Deployment } from './deployment';

const STORAGE_ROLES: Record<string, string> = {
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': 'Storage Queue Data Contributor',
  '19e7f393-937e-4f77-808e-94535e297925': 'Storage Queue Data Reader',
};
const BLOB_WRITERS = ['Storage Blob Data Owner', 'Storage Blob Data Contributor'];
const SERVICE_BUS_ROLES = ['69a216fc-b8fb-44d8-bc22-1f3c2cd27a39', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'];
const COSMOS_READER = '00000000-0000-0000-0000-000000000001';

interface Grant {
  principal: string;
  role: string;
  scope: string;
}

const who = (principal: string): string =>
  principal === USER_PRINCIPAL
    ? 'the user principal'
    : principal === `«${IDENTITY.principalId}»`
      ? 'the app identity'
      : principal;

function grants(resources: Resource[]): Grant[] {
  return ofType(resources, 'Microsoft.Authorization/roleAssignments').map((r) => ({
    principal: show(r.properties.principalId ?? ''),
    role: show(r.properties.roleDefinitionId ?? '')
      .split('/')
      .at(-1)!,
    scope: r.scope ?? '(the deployment scope)',
  }));
}

/** Data roles on containers and queues, never on the account or namespace; people cannot write the package. */
export function roleProblems(d: Deployment, deploymentContainer: string): string[] {
  const problems: string[] = [];
  const all = grants(d.resources);
  for (const g of all) {
    const name = STORAGE_ROLES[g.role];
    if (name && !/\/(blobServices\/default\/containers|queueServices\/default\/queues)\/[^/]+$/.test(g.scope))
      problems.push(`${who(g.principal)} holds ${name} on ${g.scope}, not on a container or queue`);
    if (SERVICE_BUS_ROLES.includes(g.role) && !/\/queues\/[^/]+$/.test(g.scope))
      problems.push(`${who(g.principal)} holds a Service Bus data role on ${g.scope}, not on a queue`);
    if (
      g.principal === USER_PRINCIPAL &&
      name &&
      BLOB_WRITERS.includes(name) &&
      g.scope.endsWith(`/containers/${deploymentContainer}`)
    )
      problems.push(
        `the user principal may write the deployment package (${name} on ${deploymentContainer})`,
      );
    if (
      g.principal === USER_PRINCIPAL &&
      (SERVICE_BUS_ROLES.includes(g.role) || /storageAccounts\/[^/]+$/.test(g.scope))
    )
      problems.push(`the user principal holds ${g.role} on ${g.scope}`);
  }
  for (const r of ofType(d.resources, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments')) {
    const principal = show(r.properties.principalId ?? '');
    const role = show(r.properties.roleDefinitionId ?? '')
      .split('/')
      .at(-1);
    if (!/\/dbs\/[^/]+$/.test(show(r.properties.scope ?? '')))
      problems.push(
        `${who(principal)} holds a Cosmos DB data role on ${show(r.properties.scope ?? '')}, not on the database`,
      );
    if (principal === USER_PRINCIPAL && role !== COSMOS_READER)
      problems.push(`the user principal holds Cosmos DB role ${role ?? '?'}, not the data reader`);
  }
  return problems;
}

/** The app identity can still do its work under those scopes: write every container and queue it uses. */
export function appAccessProblems(d: Deployment, containers: string[], queues: string[]): string[] {
  const app = grants(d.resources).filter((g) => g.principal === `«${IDENTITY.principalId}»`);
  const problems: string[] = [];
  for (const c of containers)
    if (
      !app.some(
        (g) => BLOB_WRITERS.includes(STORAGE_ROLES[g.role] ?? '') && g.scope.endsWith(`/containers/${c}`),
      )
    )
      problems.push(`the app identity cannot write container ${c}`);
  for (const q of queues) {
    if (
      !app.some(
        (g) => STORAGE_ROLES[g.role] === 'Storage Queue Data Contributor' && g.scope.endsWith(`/queues/${q}`),
      )
    )
      problems.push(`the app identity cannot use Storage queue ${q}`);
    for (const role of SERVICE_BUS_ROLES)
      if (
        !app.some(
          (g) =>
            g.role === role && g.scope.includes('Microsoft.ServiceBus') && g.scope.endsWith(`/queues/${q}`),
        )
      )
        problems.push(`the app identity lacks Service Bus role ${role} on ${q}`);
  }
  return problems;
}

/** Keys, shared keys and publishing passwords off everywhere. */
export function keylessProblems(d: Deployment): string[] {
  const r = d.resources;
  const one = (type: string) => ofType(r, type)[0]?.properties;
  const checks: [string, Value | undefined, Value][] = [
    [
      'Storage allowSharedKeyAccess',
      at(one('Microsoft.Storage/storageAccounts'), 'allowSharedKeyAccess'),
      false,
    ],
    [
      'Cosmos DB disableLocalAuth',
      at(one('Microsoft.DocumentDB/databaseAccounts'), 'disableLocalAuth'),
      true,
    ],
    ['Service Bus disableLocalAuth', at(one('Microsoft.ServiceBus/namespaces'), 'disableLocalAuth'), true],
    [
      'Application Insights DisableLocalAuth',
      at(one('Microsoft.Insights/components'), 'DisableLocalAuth'),
      true,
    ],
    [
      'Log Analytics disableLocalAuth',
      at(one('Microsoft.OperationalInsights/workspaces'), 'features', 'disableLocalAuth'),
      true,
    ],
  ];
  const problems = checks
    .filter(([, got, want]) => got !== want)
    .map(([what, got]) => `${what} is ${show(got ?? null)}`);
  for (const policy of ['scm', 'ftp']) {
    const p = ofType(r, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies').find(
      (x) => lastName(x) === policy,
    );
    if (p?.properties.allow !== false)
      problems.push(`${policy.toUpperCase()} basic authentication is not turned off`);
  }
  return problems;
}

/** Versioning and soft delete cover the containers holding models and data drops. */
export function recoveryProblems(d: Deployment, containers: string[]): string[] {
  const service = ofType(d.resources, 'Microsoft.Storage/storageAccounts/blobServices')[0]?.properties;
  const off = [
    ...(service?.isVersioningEnabled === true ? [] : ['versioning']),
    ...(at(service, 'deleteRetentionPolicy', 'enabled') === true ? [] : ['blob soft delete']),
  ];
  return off.length ? [`${off.join(' and ')} off on the blob service holding ${containers.join(', ')}`] : [];
}
