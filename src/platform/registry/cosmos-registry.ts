import type { CosmosClient } from '@azure/cosmos';
import type { AliasName, ChallengerTrial } from '../../domain/alias';
import type { MonitoringDocument } from '../../domain/documents';
import type { JsonValue } from '../../domain/json';
import type { NewModelVersion, VersionStatus } from '../../domain/model-version';
import type { PageRequest } from '../../domain/page';
import type { Run } from '../../domain/run';
import type { Registry } from '../ports/registry';
import type { SpecWriteCondition } from '../ports/spec-store';
import type { VersionPatch } from '../ports/version-store';
import { mapErrors } from '../azure-errors';
import * as aliases from './aliases';
import * as models from './models';
import * as monitoring from './monitoring';
import { ensureRegistryContainers, SERVICE, type RegistryContainers } from './registry-containers';
import * as runs from './runs';
import * as specs from './specs';
import * as versions from './versions';

/** The Registry on Cosmos DB: database and containers are created on first use (once). */
export class CosmosRegistry implements Registry {
  private ready?: Promise<RegistryContainers>;

  /** databaseId defaults to the contract's `mlops`. */
  constructor(
    private readonly client: CosmosClient,
    private readonly databaseId = 'mlops',
  ) {}

  async createVersion(v: NewModelVersion) {
    return versions.createVersion((await this.c()).models, v);
  }
  async getVersion(model: string, version: number) {
    return versions.getVersion((await this.c()).models, model, version);
  }
  async findVersionByRun(model: string, runId: string) {
    return versions.findVersionByRun((await this.c()).models, model, runId);
  }
  async listVersions(model: string, page: PageRequest = {}) {
    return versions.listVersions((await this.c()).models, model, page);
  }
  async updateVersion(
    model: string,
    version: number,
    patch: VersionPatch,
    options: { ifMatch?: string } = {},
  ) {
    return versions.updateVersion((await this.c()).models, model, version, patch, options);
  }
  async updateVersionStatus(
    model: string,
    version: number,
    status: VersionStatus,
    options: { ifMatch?: string; reason?: string } = {},
  ) {
    return versions.updateVersionStatus((await this.c()).models, model, version, status, options);
  }
  async getAlias(model: string, name: AliasName) {
    return aliases.getAlias((await this.c()).models, model, name);
  }
  async setAlias(
    model: string,
    name: AliasName,
    version: number,
    ifMatch: string | null,
    reason?: string,
    trial?: ChallengerTrial,
  ) {
    return aliases.setAlias((await this.c()).models, model, name, version, ifMatch, reason, trial);
  }

  async deleteAlias(model: string, name: AliasName, ifMatch: string) {
    return aliases.deleteAlias((await this.c()).models, model, name, ifMatch);
  }
  async putRun(run: Run, options: { ifMatch?: string; ifNoneMatch?: '*' } = {}) {
    return runs.putRun((await this.c()).runs, run, options);
  }
  async getRun(model: string, id: string) {
    return runs.getRun((await this.c()).runs, model, id);
  }
  async listRuns(model: string, page: PageRequest = {}) {
    return runs.listRuns((await this.c()).runs, model, page);
  }
  async getSpec(model: string) {
    return specs.getSpec((await this.c()).models, model);
  }
  async putSpec(model: string, spec: JsonValue, options?: SpecWriteCondition) {
    return specs.putSpec((await this.c()).models, model, spec, options);
  }
  async listModels() {
    const { models: modelDocs, runs: runDocs } = await this.c();
    return models.listModels(modelDocs, runDocs);
  }
  async putMonitoring<B>(doc: MonitoringDocument<B>, options?: { ifMatch?: string | null }) {
    return monitoring.putMonitoring((await this.c()).monitoring, doc, options);
  }
  async getMonitoring(model: string, id: string) {
    return monitoring.getMonitoring((await this.c()).monitoring, model, id);
  }
  async listMonitoring(model: string, kind: string, page: PageRequest = {}) {
    return monitoring.listMonitoring((await this.c()).monitoring, model, kind, page);
  }

  async ping(): Promise<void> {
    await mapErrors({ service: SERVICE, what: 'the account' }, () => this.client.getDatabaseAccount());
  }

  private c(): Promise<RegistryContainers> {
    if (!this.ready) {
      this.ready = ensureRegistryContainers(this.client, this.databaseId);
      // Forget a failure so the next call tries again (the service may be back).
      this.ready.catch(() => (this.ready = undefined));
    }
    return this.ready;
  }
}
