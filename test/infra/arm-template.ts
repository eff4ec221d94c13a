// The resources a compiled ARM template deploys for given parameters, nested deployments
// (Bicep modules) included: copy loops expanded, conditions applied, expressions evaluated.
import { evaluate, isObject, show, type Scope, type Value } from './arm-expression';

export interface Template {
  parameters?: Record<string, { defaultValue?: unknown }>;
  variables?: Record<string, unknown>;
  resources: TemplateResource[];
}

interface TemplateResource {
  type: string;
  name: string;
  condition?: unknown;
  copy?: { name: string; count: unknown };
  properties?: { template?: Template; parameters?: Record<string, { value?: unknown }> } & Record<
    string,
    unknown
  >;
  [key: string]: unknown;
}

/** One deployed resource, evaluated; `module` is the path of Bicep modules it is in. */
export interface Resource {
  type: string;
  name: string;
  module: string;
  scope: string | undefined;
  properties: { [key: string]: Value };
  value: { [key: string]: Value };
}

function templateScope(template: Template, given: Record<string, Value>, where: string): Scope {
  const variables = new Map<string, Value>();
  const parameters = new Map<string, Value>();
  const scope: Scope = {
    parameter(name) {
      if (!parameters.has(name)) {
        const declared = template.parameters?.[name];
        if (!declared) throw new Error(`${where}: no parameter ${name}`);
        if (name in given) parameters.set(name, given[name]!);
        else if ('defaultValue' in declared) parameters.set(name, evaluate(declared.defaultValue, scope));
        else throw new Error(`${where}: parameter ${name} has no value and no default`);
      }
      return parameters.get(name)!;
    },
    variable(name) {
      if (!variables.has(name)) {
        if (!template.variables || !(name in template.variables))
          throw new Error(`${where}: no variable ${name}`);
        variables.set(name, evaluate(template.variables[name], scope));
      }
      return variables.get(name)!;
    },
    copyIndex() {
      throw new Error(`${where}: copyIndex() outside a loop`);
    },
  };
  if (template.variables && 'copy' in template.variables)
    throw new Error(`${where}: variable loops are not read by these tests`);
  return scope;
}

function member(v: Value, key: string): Value {
  if (!isObject(v) || !(key in v)) throw new Error(`a module parameter without ${key}: ${show(v)}`);
  return v[key]!;
}

const inLoop = (scope: Scope, index: number): Scope => ({ ...scope, copyIndex: () => index });

/** Every resource of `template` deployed with `parameters`, in order, modules expanded. */
export function deployedResources(
  template: Template,
  parameters: Record<string, Value>,
  module = '',
): Resource[] {
  const scope = templateScope(template, parameters, module || 'main');
  const out: Resource[] = [];
  for (const resource of template.resources) {
    const count = resource.copy ? Number(evaluate(resource.copy.count, scope)) : 1;
    for (let index = 0; index < count; index++) {
      const at = resource.copy ? inLoop(scope, index) : scope;
      if (resource.condition !== undefined && evaluate(resource.condition, at) !== true) continue;
      const { properties, copy: _copy, condition: _condition, ...rest } = resource;
      // A module's template and parameters are read below, in its own scope.
      const isModule = resource.type === 'Microsoft.Resources/deployments' && typeof properties === 'object';
      const { template: inner, parameters: given, ...moduleProps } = isModule ? properties : {};
      const value = evaluate({ ...rest, properties: isModule ? moduleProps : properties }, at) as {
        [key: string]: Value;
      };
      const name = show(value.name ?? '');
      const evaluatedProperties = isObject(value.properties ?? null)
        ? (value.properties as Resource['properties'])
        : {};
      out.push({
        type: resource.type,
        name,
        module,
        scope: value.scope === undefined ? undefined : show(value.scope),
        properties: evaluatedProperties,
        value,
      });
      if (inner) {
        // A module parameter is { value } or, when Bicep picks it by a condition, an expression
        // that yields { value }.
        const values = Object.fromEntries(
          Object.entries(given ?? {}).map(([k, v]) => [k, member(evaluate(v, at), 'value')]),
        );
        out.push(...deployedResources(inner, values, module ? `${module}/${name}` : name));
      }
    }
  }
  return out;
}
