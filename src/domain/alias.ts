/** The alias names the registry accepts: the served version, and the one on trial beside it. */
export const ALIAS_NAMES = ['production', 'challenger'] as const;
export type AliasName = (typeof ALIAS_NAMES)[number];

/**
 * How a challenger meets live traffic: `shadow` scores every production request beside it and
 * never answers; `canary` answers a sticky share of requests (the other version scores them too).
 */
export const DEPLOYMENT_MODES = ['shadow', 'canary'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

/** A named pointer to a version of a model, moved by compare-and-swap on its ETag. */
export interface Alias {
  model: string;
  name: AliasName;
  version: number;
  updatedAt: string;
  /** Who or what moved it last (promotion, rollback), for the audit trail. */
  reason?: string;
  /** The challenger's trial: how it meets traffic, since when, against which production version. */
  trial?: ChallengerTrial;
}

/** What the challenger alias carries beside its version. */
export interface ChallengerTrial {
  mode: DeploymentMode;
  /** Canary only: the share of requests (0 < share < 1) the challenger answers. */
  share?: number;
  /** ISO time the trial started. */
  since: string;
  /** The production version when it started (null: there was none). */
  against: number | null;
  /** How it became challenger: the spec's deployment.promotion, retrain.promotion, or by hand. */
  origin: 'deployment' | 'retrain' | 'manual';
}
