// Small edits of a compiled ARM template (parsed JSON) for the mutants: find a resource anywhere
// in the module tree, reach a module's parameters or the app settings, remove a resource.

export type Json = Record<string, unknown>;

export interface Found {
  resource: Json;
  /** The template holding it (main or a module's). */
  template: Json;
}

/** Every resource of the template and its modules' templates. */
export function everyResource(template: Json): Found[] {
  return (template.resources as Json[]).flatMap((resource) => {
    const inner = (resource.properties as Json | undefined)?.template as Json | undefined;
    return [{ resource, template }, ...(inner ? everyResource(inner) : [])];
  });
}

/** The first resource of `type` (whose name contains `named`, if given), anywhere in the tree. */
export function find(template: Json, type: string, named = ''): Found {
  const found = everyResource(template).find(
    (f) => f.resource.type === type && String(f.resource.name).includes(named),
  );
  if (!found) throw new Error(`the compiled template has no ${type} ${named}`);
  return found;
}

export const props = (template: Json, type: string, named = ''): Json =>
  find(template, type, named).resource.properties as Json;
/** A module's parameter values, `{ name: { value } }`. */
export const moduleParams = (template: Json, module: string): Record<string, Json> =>
  props(template, 'Microsoft.Resources/deployments', module).parameters as Record<string, Json>;
export const settings = (template: Json): Json =>
  moduleParams(template, 'functionapp').appSettings!.value as Json;
export const variables = (template: Json): Json => template.variables as Json;
export const storageContainers = (t: Json) => variables(t).storageContainers as Json[];
export const remove = (template: Json, type: string, named = '') => {
  const { resource, template: holder } = find(template, type, named);
  holder.resources = (holder.resources as Json[]).filter((r) => r !== resource);
};
