import { z } from 'zod';
import { optional, setting } from '../setting';

// Security: the local role keys and the flag that says the platform authenticates callers.

export const SECURITY_SETTINGS = [
  setting({
    name: 'LOCAL_FUNCTION_KEY',
    description:
      'Local runtime only: the predict key (predict and every read; a function key in Azure). Generated into local.settings.json on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'LOCAL_FEEDBACK_KEY',
    description:
      'Local runtime only: the feedback key (posts ground truth; also allows predict). Generated on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'LOCAL_OPERATOR_KEY',
    description:
      'Local runtime only: the operate key (promote, roll back, spec, retrain by hand; also allows feedback and predict). Generated on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'LOCAL_ADMIN_KEY',
    description:
      'Local runtime only: the host admin key, for /admin/* (and, as the master key in Azure, predict routes). Generated on first start.',
    sample: '',
    expected: 'a key of at least 8 characters',
    secret: true,
    schema: optional(z.string().min(8)),
  }),
  setting({
    name: 'WEBSITE_AUTH_ENABLED',
    description:
      'Set by App Service when its Authentication is on (the local runtime sets it too): only then is x-ms-client-principal trusted for roles. Never set it by hand.',
    default: 'False',
    sample: '',
    expected: 'True or False',
    schema: z
      .string()
      .regex(/^(true|false)$/i)
      .transform((v) => v.toLowerCase() === 'true'),
  }),
] as const;
