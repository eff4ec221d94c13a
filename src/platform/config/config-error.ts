import { AppError } from '../../errors';

export interface ConfigIssue {
  setting: string;
  problem: string;
}

/** One or more app settings are missing or invalid; the message lists each one. */
export class ConfigError extends AppError {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      'invalid',
      'invalid_config',
      'Invalid app settings (fix them in local.settings.json or the Function App configuration):\n' +
        issues.map((i) => `  - ${i.setting}: ${i.problem}`).join('\n'),
      { issues },
    );
    this.name = 'ConfigError';
  }
}
