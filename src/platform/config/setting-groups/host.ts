import { z } from 'zod';
import { optional, setting } from '../setting';

// The host and the local runtime: local ports and folders, the host id, the timers' time zone.

export const HOST_SETTINGS = [
  setting({
    name: 'LOCAL_HTTP_PORT',
    description:
      'Local runtime only: the HTTP port (otherwise Host.LocalHttpPort of the settings file, then 7071).',
    sample: '',
    expected: 'a port number from 1 to 65535',
    schema: optional(z.coerce.number().int().min(1).max(65535)),
  }),
  setting({
    name: 'LOCAL_EMULATOR_PORTS',
    description: 'Local runtime only: the emulator ports as blob,queue,cosmos (0 = a free port).',
    default: '10000,10001,8081',
    sample: '',
    expected: 'three port numbers separated by commas',
    schema: optional(z.string().regex(/^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/)),
  }),
  setting({
    name: 'LOCAL_DATA_DIR',
    description: 'Local runtime only: where the emulators keep their data across restarts.',
    default: '.local',
    sample: '',
    expected: 'a folder path',
    schema: optional(z.string().min(1)),
  }),
  setting({
    name: 'AzureFunctionsWebHost__hostid',
    description: 'Host id that names blob receipts and timer status in storage, as the Functions host does.',
    sample: '',
    expected: 'a host id of letters, digits and dashes',
    schema: optional(z.string().min(1)),
  }),
  setting({
    name: 'WEBSITE_TIME_ZONE',
    description: 'Time zone of timer schedules (IANA name); default UTC.',
    sample: '',
    expected: 'an IANA time zone such as Europe/Paris',
    schema: optional(z.string().min(1)),
  }),
] as const;
